package io.github.sfstreaming.replay;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where the client keeps, per channel, the replay id of the last event that was handled, so that a new
 * subscription (after a reconnect or a restart) resumes right after it.
 *
 * <p>The client calls {@link #store} only after the event's handler has returned. Implementations must
 * never move a channel backwards: storing an id lower than (or equal to) the stored one is a no-op.
 * Implementations must be thread-safe; the client may store ids of different channels concurrently.
 */
public interface ReplayStore {

	/**
	 * Stores {@code replayId} as the last handled event of {@code channel}, unless a higher id is stored.
	 * @param channel the channel, for example {@code /topic/InvoiceUpdates}
	 * @param replayId the event's replay id (always a real id, never a preset)
	 * @param eventTime the event's creation time when Salesforce sent one, else {@code null}
	 */
	void store(String channel, long replayId, @Nullable Instant eventTime);

	/**
	 * Returns where a subscription to {@code channel} should start: the last stored replay id, a preset
	 * ({@link ReplayPosition#NEW_EVENTS} or {@link ReplayPosition#ALL_EVENTS}), or empty when nothing is
	 * known, in which case the client's configured default applies.
	 * @param channel the channel
	 * @return the position to resume from, or empty
	 */
	Optional<ReplayPosition> lastReplayId(String channel);

	/**
	 * The replay-id formats this store keeps. The default is {@link ReplayIdFormat#NUMERIC} only: a store written
	 * for CometD keeps working as it is, and a Pub/Sub client refuses to start with it rather than lose its ids.
	 * A store that keeps Pub/Sub ids too overrides this, {@link #store(String, ReplayPosition, Instant)} and
	 * {@link #lastReplayId(String, ReplayIdFormat)}.
	 * @return the formats, never empty
	 */
	default Set<ReplayIdFormat> formats() {
		return EnumSet.of(ReplayIdFormat.NUMERIC);
	}

	/**
	 * Stores a replay id of either format as the last handled event of {@code channel}. A numeric id goes to
	 * {@link #store(String, long, Instant)} (the default does just that). An opaque id replaces the channel's
	 * stored opaque id (opaque ids have no order; the client stores them in order). Ids of the two formats are
	 * kept apart: one is never returned for the other's format.
	 * @param channel the channel, for example {@code /event/Order__e}
	 * @param replayId the event's replay id (never a preset)
	 * @param eventTime the event's creation time when known, else {@code null}
	 * @throws UnsupportedOperationException for an opaque id when {@link #formats()} does not include it
	 */
	default void store(String channel, ReplayPosition replayId, @Nullable Instant eventTime) {
		if (replayId.isPreset()) {
			throw new IllegalArgumentException("A preset is not a replay id: " + replayId);
		}
		if (replayId.isOpaque()) {
			throw new UnsupportedOperationException(getClass().getName() + " keeps only numeric (CometD) replay ids; "
					+ "the Pub/Sub transport needs a ReplayStore whose formats() include OPAQUE");
		}
		store(channel, replayId.value(), eventTime);
	}

	/**
	 * Returns where a subscription to {@code channel} over a transport with the given id format should start: the
	 * last stored id of that format, a preset, or empty. An id stored in the other format is never returned.
	 * The default answers {@link #lastReplayId(String)} for {@link ReplayIdFormat#NUMERIC} and, for
	 * {@link ReplayIdFormat#OPAQUE}, only a stored preset.
	 * @param channel the channel
	 * @param format the format of the asking transport's ids
	 * @return the position to resume from, or empty
	 */
	default Optional<ReplayPosition> lastReplayId(String channel, ReplayIdFormat format) {
		return lastReplayId(channel).filter((position) -> position.fits(format));
	}

	/**
	 * Records when a channel that has nothing stored was first subscribed from new events, before any of its
	 * events can arrive, so that the events published from then on survive a stop or a crash that comes before
	 * one of them was handled: with only a start stored, the next subscription replays the retained events
	 * created since that time (see {@link #startOf}). Implementations must write it through at once (not
	 * coalesce it), keep the earliest start, and never let it replace or outlive a stored replay id: a later
	 * {@link #store} supersedes it and {@link #reset} forgets it. The default does nothing, so that a store
	 * without it keeps resuming such a channel from the client's default position.
	 * @param channel the channel
	 * @param time when the subscription was sent
	 */
	default void storeStart(String channel, Instant time) {
	}

	/**
	 * Returns the start recorded by {@link #storeStart} for a channel with no replay id stored since, or empty.
	 * @param channel the channel
	 * @return when the channel was first subscribed from new events, or empty
	 */
	default Optional<Instant> startOf(String channel) {
		return Optional.empty();
	}

	/**
	 * Forgets what is stored for {@code channel}, so that its next subscription uses the client's default.
	 * The client calls it when Salesforce rejects the stored id as outside its retention window and the
	 * configured policy falls back to a preset. It forgets a recorded start too. The default does nothing.
	 * @param channel the channel
	 */
	default void reset(String channel) {
	}

	/**
	 * Writes whatever the store holds back (a store that coalesces writes keeps the latest ids in memory for a
	 * while). The client calls it when it stops, once the events in hand were handled, so that a clean stop
	 * leaves every handled id stored before, for example, another instance takes over. The default does nothing.
	 */
	default void flush() {
	}

}
