package io.github.sfstreaming.spring.listener;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Decides what happens when a listener throws. The listener's channel waits while the handler runs, so events
 * keep their order.
 *
 * <p>If the handler returns normally the event counts as handled and its replay id is stored; if it throws,
 * the exception goes to the streaming client, which logs it and does not store the replay id.
 *
 * @see DefaultListenerErrorHandler
 */
@FunctionalInterface
public interface ListenerErrorHandler {

	/**
	 * Handles a listener's failure.
	 * @param event the event the listener failed on
	 * @param error the failure, usually a {@link ListenerExecutionFailedException} whose cause is what the
	 * listener threw
	 * @param invocation calls the listener again, for retries
	 * @throws Exception to leave the event unhandled
	 */
	void handle(StreamingEvent event, Exception error, ListenerInvocation invocation) throws Exception;

}
