package io.github.sfstreaming.spring.listener;

import java.util.List;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * A container's error handler: decides what happens when a listener (and its own
 * {@link SalesforceListenerErrorHandler}, if any) throws, as spring-kafka's {@code CommonErrorHandler} does. The
 * listener's channel waits while the handler runs, so events keep their order.
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

	/**
	 * Handles a batch listener's failure. The default neither retries nor recovers: it leaves the batch
	 * unhandled from the failed event on (the first one unless a {@link BatchListenerFailedException} names one).
	 * @param events the batch
	 * @param error the failure; a {@link BatchListenerFailedException} among its causes names the failed event
	 * @param invocation calls the listener again with a part of the batch
	 * @throws BatchListenerFailedException naming the first event left unhandled, its index in {@code events}
	 * @throws Exception to leave the whole batch unhandled
	 */
	default void handleBatch(List<StreamingEvent> events, Exception error, BatchListenerInvocation invocation)
			throws Exception {
		BatchListenerFailedException failed = BatchListenerFailedException.find(error);
		throw new BatchListenerFailedException((failed != null) ? failed.getIndex() : 0, error);
	}

}
