package io.github.sfstreaming.spring.replay.jdbc;

import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * {@link ReplayCheckpointWriter} with one dialect-specific statement: PostgreSQL
 * {@code INSERT ... ON CONFLICT ... DO UPDATE ... WHERE}, H2 {@code MERGE ... WHEN MATCHED AND}. Other
 * databases get a conditional {@code UPDATE} followed, when no row exists, by an {@code INSERT}.
 */
public class MonotonicReplayCheckpointWriter implements ReplayCheckpointWriter {

	private static final String COLUMNS = "consumer_id, channel, replay_id, event_time, updated_at";

	private final NamedParameterJdbcOperations operations;

	private final Statements statements;

	/**
	 * Creates a writer.
	 * @param operations the JDBC operations
	 * @param tableName the table
	 * @param dialect the database's dialect
	 */
	public MonotonicReplayCheckpointWriter(NamedParameterJdbcOperations operations, ReplayTableName tableName,
			Dialect dialect) {
		this.operations = operations;
		this.statements = Statements.of(dialect, tableName.qualified());
	}

	@Override
	public boolean advance(ReplayCheckpoint checkpoint) {
		MapSqlParameterSource parameters = new MapSqlParameterSource()
			.addValue("consumerId", checkpoint.id().consumerId())
			.addValue("channel", checkpoint.id().channel())
			.addValue("replayId", checkpoint.replayId())
			.addValue("eventTime", timestamp(checkpoint.eventTime()))
			.addValue("updatedAt", timestamp(checkpoint.updatedAt()));
		try {
			return write(parameters);
		}
		catch (DuplicateKeyException ex) {
			// Two writers inserted the same new row at once; the row exists now, so this write is an update.
			return write(parameters);
		}
	}

	private boolean write(MapSqlParameterSource parameters) {
		String upsert = this.statements.upsert();
		if (upsert != null) {
			return this.operations.update(upsert, parameters) > 0;
		}
		if (this.operations.update(this.statements.update(), parameters) > 0) {
			return true;
		}
		return this.operations.update(this.statements.insertIfAbsent(), parameters) > 0;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private record Statements(@Nullable String upsert, String update, String insertIfAbsent) {

		static Statements of(Dialect dialect, String table) {
			String update = "UPDATE " + table + " SET replay_id = :replayId, event_time = :eventTime, "
					+ "updated_at = :updatedAt WHERE consumer_id = :consumerId AND channel = :channel "
					+ "AND replay_id < :replayId";
			String insertIfAbsent = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT :consumerId, :channel, "
					+ ":replayId, :eventTime, :updatedAt FROM (SELECT 1 AS one) d WHERE NOT EXISTS (SELECT 1 FROM "
					+ table + " WHERE consumer_id = :consumerId AND channel = :channel)";
			return new Statements(upsert(dialect, table), update, insertIfAbsent);
		}

		private static @Nullable String upsert(Dialect dialect, String table) {
			if (dialect instanceof JdbcPostgresDialect) {
				return "INSERT INTO " + table + " AS cp (" + COLUMNS + ") VALUES (:consumerId, :channel, :replayId, "
						+ ":eventTime, :updatedAt) ON CONFLICT (consumer_id, channel) DO UPDATE SET "
						+ "replay_id = EXCLUDED.replay_id, event_time = EXCLUDED.event_time, "
						+ "updated_at = EXCLUDED.updated_at WHERE cp.replay_id < EXCLUDED.replay_id";
			}
			if (dialect instanceof JdbcH2Dialect) {
				return "MERGE INTO " + table + " cp USING (VALUES (CAST(:consumerId AS VARCHAR(200)), "
						+ "CAST(:channel AS VARCHAR(255)), CAST(:replayId AS BIGINT), CAST(:eventTime AS TIMESTAMP), "
						+ "CAST(:updatedAt AS TIMESTAMP))) s(" + COLUMNS + ") ON cp.consumer_id = s.consumer_id "
						+ "AND cp.channel = s.channel WHEN MATCHED AND cp.replay_id < s.replay_id THEN UPDATE SET "
						+ "replay_id = s.replay_id, event_time = s.event_time, updated_at = s.updated_at "
						+ "WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (s.consumer_id, s.channel, "
						+ "s.replay_id, s.event_time, s.updated_at)";
			}
			return null;
		}

	}

}
