package io.github.sfstreaming.spring.listener;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Called by the {@link DefaultListenerErrorHandler} for an event a listener could not handle, once retries
 * are exhausted or when the error is one retrying cannot fix. Returning normally moves on: the event counts as
 * handled and its replay id is stored. Implement it to keep failed events, in a dead-letter table for example.
 *
 * @see LoggingEventRecoverer
 */
@FunctionalInterface
public interface EventRecoverer {

	/**
	 * Recovers from a listener's failure.
	 * @param event the event the listener failed on
	 * @param cause the last failure, usually a {@link ListenerExecutionFailedException} that names the
	 * listener and whose cause is what the listener threw
	 * @throws Exception if the event could not be recovered: its replay id is then not stored
	 */
	void recover(StreamingEvent event, Exception cause) throws Exception;

}
