package io.github.sfstreaming.client;

import java.util.List;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * An {@link EventHandler} that takes several queued events of its channel at once, in replay-id order, when a
 * backlog is being drained. The events count as handled, and the last one's replay id may be stored, when
 * {@link #handleBatch} returns. To say that only the events before one were handled, throw a
 * {@link BatchFailedException} (or an exception caused by one) with that event's index: it is treated as an
 * event whose handler failed, and the events after it are handed over again.
 */
public interface BatchEventHandler extends EventHandler {

	/**
	 * Handles events of one channel.
	 * @param events the events, in replay-id order, never empty, at most {@link #maxBatchSize()}
	 * @throws Exception when not all were handled
	 */
	void handleBatch(List<StreamingEvent> events) throws Exception;

	/**
	 * The most events handed over at once; 1 (the default) makes it a one-event handler. Asked before each batch,
	 * so it may change.
	 * @return the number of events
	 */
	default int maxBatchSize() {
		return 1;
	}

	@Override
	default void handle(StreamingEvent event) throws Exception {
		handleBatch(List.of(event));
	}

}
