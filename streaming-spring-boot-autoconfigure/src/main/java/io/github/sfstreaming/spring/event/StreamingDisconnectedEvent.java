package io.github.sfstreaming.spring.event;

/**
 * Published when an established session ends; the client reconnects unless it is stopping or has given up.
 */
public class StreamingDisconnectedEvent extends SalesforceStreamingEvent {

	private final String reason;

	/**
	 * Creates an event.
	 * @param source the client
	 * @param reason why the session ended, in words
	 */
	public StreamingDisconnectedEvent(Object source, String reason) {
		super(source);
		this.reason = reason;
	}

	/** Why the session ended, in words (for example {@code 403::Unknown client}). */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "StreamingDisconnectedEvent[reason=" + this.reason + "]";
	}

}
