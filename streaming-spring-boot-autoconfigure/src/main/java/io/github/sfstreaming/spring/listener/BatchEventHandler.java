package io.github.sfstreaming.spring.listener;

import java.util.List;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Handles several events of one channel at once, in replay-id order: the listener of a batch
 * {@code @SalesforceListener}. The events count as handled, and the replay id of the last one is stored, when this
 * method returns. To say which event failed, so that the ones before it count as handled, throw a
 * {@link BatchListenerFailedException} with its index.
 */
@FunctionalInterface
public interface BatchEventHandler {

	/**
	 * Handles events of one channel.
	 * @param events the events, in replay-id order, never empty
	 * @throws Exception when they could not all be handled
	 */
	void handleBatch(List<StreamingEvent> events) throws Exception;

}
