package io.github.sfstreaming.spring.event;

/**
 * Published when a session is established: the handshake and the first connect after it succeeded.
 */
public class StreamingConnectedEvent extends SalesforceStreamingEvent {

	/**
	 * Creates an event.
	 * @param source the client
	 */
	public StreamingConnectedEvent(Object source) {
		super(source);
	}

	@Override
	public String toString() {
		return "StreamingConnectedEvent";
	}

}
