package io.github.sfstreaming.spring.listener;

import java.util.List;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * A listener's own error handler, named on the annotation:
 * {@code @SalesforceListener(value = "/event/Order__e", errorHandler = "orderErrorHandler")}. It is part of the
 * listener's call, as spring-kafka's {@code KafkaListenerErrorHandler} is: if it returns normally the event is
 * handled; if it throws, the exception goes to the container's {@link ListenerErrorHandler} (retries, back-off,
 * recoverer), and a retry calls the listener, and this handler, again.
 */
@FunctionalInterface
public interface SalesforceListenerErrorHandler {

	/**
	 * Handles a failure of a listener that takes one event.
	 * @param event the event the listener failed on
	 * @param exception the failure; its cause is what the listener threw
	 * @throws Exception to hand the failure to the container's error handler
	 */
	void handleError(StreamingEvent event, ListenerExecutionFailedException exception) throws Exception;

	/**
	 * Handles a failure of a batch listener; by default rethrows it, for the container's error handler.
	 * @param events the batch the listener failed on
	 * @param exception the failure; a {@link BatchListenerFailedException} among its causes names the event
	 * @throws Exception to hand the failure to the container's error handler
	 */
	default void handleBatchError(List<StreamingEvent> events, ListenerExecutionFailedException exception)
			throws Exception {
		throw exception;
	}

}
