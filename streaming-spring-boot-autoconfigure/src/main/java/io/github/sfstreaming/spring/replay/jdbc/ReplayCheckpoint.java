package io.github.sfstreaming.spring.replay.jdbc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The aggregate of the JDBC replay store: the replay id of the last event of a channel that a consumer
 * handled. The table's name is configurable, so it is given by the repository's naming strategy rather than
 * by {@link Table @Table}.
 *
 * @param id the consumer and channel
 * @param replayId the replay id of the last handled event
 * @param eventTime when Salesforce created that event, if it said
 * @param updatedAt when the row was last written
 */
@Table
public record ReplayCheckpoint(@Id ReplayCheckpointId id, long replayId, @Nullable Instant eventTime,
		Instant updatedAt) {

}
