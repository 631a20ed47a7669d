package io.github.sfstreaming.spring.replay.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The write side of {@link ReplayCheckpointRepository}: one statement per write, each touching only its own
 * kind of replay id, so that a CometD id only ever moves forward and a Pub/Sub id never disturbs it.
 */
public interface ReplayCheckpointWriter {

	/**
	 * Inserts the checkpoint, or updates the stored one if it has a lower CometD replay id. Safe under concurrent
	 * calls: the highest replay id always wins. The row's Pub/Sub id is left as it is.
	 * @param checkpoint the checkpoint; its {@link ReplayCheckpoint#replayBytes()} is ignored
	 * @return whether the row was inserted or moved forward
	 */
	boolean advance(ReplayCheckpoint checkpoint);

	/**
	 * Writes a Pub/Sub API replay id in place of the stored one (opaque ids have no order: the last write wins).
	 * The row's CometD id is left as it is; a start recorded on the row is dropped.
	 * @param id the consumer and channel
	 * @param replayId the id's bytes
	 * @param eventTime the event's creation time, if known
	 * @param updatedAt when it is written
	 */
	void replaceOpaque(ReplayCheckpointId id, byte[] replayId, @Nullable Instant eventTime, Instant updatedAt);

	/**
	 * Inserts a row that records only a start, unless the consumer and channel have a row already (an earlier
	 * start, or a replay id of either kind).
	 * @param id the consumer and channel
	 * @param start when the channel was first subscribed
	 * @param updatedAt when it is written
	 * @return whether the row was inserted
	 */
	boolean insertStart(ReplayCheckpointId id, Instant start, Instant updatedAt);

}
