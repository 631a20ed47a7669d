package io.github.sfstreaming.spring.listener;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Thrown when a listener could not handle an event: its cause is what the listener method, or the
 * resolution of its arguments, threw. This is the exception {@link ListenerErrorHandler}s and
 * {@link EventRecoverer}s receive.
 */
public class ListenerExecutionFailedException extends RuntimeException {

	private final String listenerId;

	private final StreamingEvent event;

	/**
	 * Creates an exception.
	 * @param listenerId the failed listener's id
	 * @param event the event it failed on
	 * @param cause what it threw
	 */
	public ListenerExecutionFailedException(String listenerId, StreamingEvent event, Throwable cause) {
		super("Listener '" + listenerId + "' failed on event " + event.replayId() + " of channel "
				+ event.channel() + ": " + cause, cause);
		this.listenerId = listenerId;
		this.event = event;
	}

	/** The failed listener's id. */
	public String getListenerId() {
		return this.listenerId;
	}

	/** The event the listener failed on. */
	public StreamingEvent getEvent() {
		return this.event;
	}

}
