package io.github.sfstreaming.spring.replay.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The aggregate of the JDBC replay store: what a consumer last handled on a channel, one row per consumer and
 * channel holding both kinds of replay id side by side, each read only by its own transport. The table's name is
 * configurable, so it is given by the repository's naming strategy rather than by {@link Table @Table}.
 *
 * @param id the consumer and channel
 * @param replayId the CometD replay id of the last handled event; {@code -1} for a row that
 * records only a start, {@code -2} for a row that holds only a Pub/Sub id
 * @param replayBytes the Pub/Sub API replay id of the last handled event, or {@code null}
 * @param eventTime when Salesforce created the last event written to the row (of either transport), if it said;
 * for a start row, the start
 * @param updatedAt when the row was last written
 */
@Table
public record ReplayCheckpoint(@Id ReplayCheckpointId id, long replayId, byte @Nullable [] replayBytes,
		@Nullable Instant eventTime, Instant updatedAt) {

	/**
	 * A checkpoint of a CometD replay id, or of a start, without a Pub/Sub id.
	 * @param id the consumer and channel
	 * @param replayId the replay id
	 * @param eventTime the event's creation time, or the start
	 * @param updatedAt when it is written
	 * @return the checkpoint
	 */
	public static ReplayCheckpoint numeric(ReplayCheckpointId id, long replayId, @Nullable Instant eventTime,
			Instant updatedAt) {
		return new ReplayCheckpoint(id, replayId, null, eventTime, updatedAt);
	}

}
