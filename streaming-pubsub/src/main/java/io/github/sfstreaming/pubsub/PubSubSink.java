package io.github.sfstreaming.pubsub;

/**
 * Where a {@link PubSubSubscriber} hands its events: the bounded buffer, dispatcher and replay store above the
 * transport. Called from the subscriber's own thread, one call at a time; implementations must not block.
 */
public interface PubSubSink {

	/**
	 * Where to subscribe from, asked before every {@code Subscribe} (the first and every resubscription): the
	 * stored position of the last event handled, or a preset when nothing is stored.
	 * @return the start
	 */
	PubSubStart resumeFrom();

	/**
	 * How many more events the sink can take now: its free buffer slots. The subscriber keeps the credit it
	 * grants the server at {@code min(100, freeSlots)} minus what is already on its way, and asks again when
	 * told of freed room ({@link PubSubSubscriber#roomFreed()}).
	 * @return the free slots, 0 or more
	 */
	int freeSlots();

	/**
	 * One event, in the topic's order. Never called beyond the slots the sink reported free.
	 * @param event the event
	 */
	void accept(PubSubEvent event);

	/**
	 * The latest replay id of the topic, from an empty keep-alive: every event up to it was sent. The sink may
	 * store it as the position, but only when none of the topic's events are in hand (received, not yet
	 * handled), or it would skip them.
	 * @param latest the topic's latest replay id
	 */
	void keepAlive(PubSubReplayId latest);

	/**
	 * The subscription has ended for good; nothing more is delivered.
	 * @param error why
	 */
	void failed(PubSubException error);

	/**
	 * A stream was taken by the server: it answered, or stayed open without an error for a moment (the API has no
	 * explicit acknowledgement). Called once per stream. The default does nothing.
	 */
	default void subscribed() {
	}

	/**
	 * A stream ended and the subscriber resubscribes after a back-off. The default does nothing.
	 * @param cause why, as classified
	 * @param error the error, or a description of why the stream was given up
	 */
	default void reconnecting(PubSubErrorKind cause, Throwable error) {
	}

	/**
	 * The server refused the replay id returned by {@link #resumeFrom()} and the subscriber resumes from a preset
	 * as its invalid-replay-id policy says: the sink should forget the stored id. The default does nothing.
	 */
	default void replayIdRejected() {
	}

}
