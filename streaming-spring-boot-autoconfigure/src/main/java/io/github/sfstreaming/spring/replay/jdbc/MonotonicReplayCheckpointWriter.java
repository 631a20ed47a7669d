package io.github.sfstreaming.spring.replay.jdbc;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * {@link ReplayCheckpointWriter} with one dialect-specific statement per write: PostgreSQL
 * {@code INSERT ... ON CONFLICT ... DO UPDATE}, H2 {@code MERGE ... WHEN MATCHED}. Other databases get an
 * {@code UPDATE} followed, when no row exists, by an {@code INSERT}. A CometD id is written to {@code replay_id}
 * only if higher than the stored one; a Pub/Sub id replaces {@code replay_bytes} and leaves a CometD id alone.
 */
public class MonotonicReplayCheckpointWriter implements ReplayCheckpointWriter {

	private static final String COLUMNS = "consumer_id, channel, replay_id, event_time, updated_at";

	private static final String OPAQUE_COLUMNS = "consumer_id, channel, replay_id, replay_bytes, event_time, updated_at";

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
		MapSqlParameterSource parameters = parameters(checkpoint.id(), checkpoint.eventTime(), checkpoint.updatedAt())
			.addValue("replayId", checkpoint.replayId());
		return retryOnDuplicate(() -> upsert(this.statements.advance(), parameters));
	}

	@Override
	public void replaceOpaque(ReplayCheckpointId id, byte[] replayId, @Nullable Instant eventTime, Instant updatedAt) {
		MapSqlParameterSource parameters = parameters(id, eventTime, updatedAt).addValue("replayBytes", replayId,
				Types.VARBINARY);
		retryOnDuplicate(() -> upsert(this.statements.opaque(), parameters));
	}

	@Override
	public boolean insertStart(ReplayCheckpointId id, Instant start, Instant updatedAt) {
		MapSqlParameterSource parameters = parameters(id, start, updatedAt).addValue("replayId",
				JdbcReplayStore.START);
		try {
			return this.operations.update(this.statements.advance().insertIfAbsent(), parameters) > 0;
		}
		catch (DuplicateKeyException ex) {
			// Another writer inserted the row first: a start or an id is there, which a start never replaces.
			return false;
		}
	}

	private static MapSqlParameterSource parameters(ReplayCheckpointId id, @Nullable Instant eventTime,
			Instant updatedAt) {
		return new MapSqlParameterSource().addValue("consumerId", id.consumerId())
			.addValue("channel", id.channel())
			.addValue("eventTime", timestamp(eventTime))
			.addValue("updatedAt", timestamp(updatedAt));
	}

	private static boolean retryOnDuplicate(Write write) {
		try {
			return write.run();
		}
		catch (DuplicateKeyException ex) {
			// Two writers inserted the same new row at once; the row exists now, so this write is an update.
			return write.run();
		}
	}

	private boolean upsert(Upsert statements, MapSqlParameterSource parameters) {
		String upsert = statements.upsert();
		if (upsert != null) {
			return this.operations.update(upsert, parameters) > 0;
		}
		if (this.operations.update(statements.update(), parameters) > 0) {
			return true;
		}
		return this.operations.update(statements.insertIfAbsent(), parameters) > 0;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * What a Pub/Sub write leaves in {@code replay_id}: a CometD id as it is, anything below zero (nothing, or a
	 * start that the Pub/Sub id supersedes) as {@link JdbcReplayStore#NO_NUMERIC_ID}.
	 */
	private static String keepNumericId(String column) {
		return "CASE WHEN " + column + " < 0 THEN " + JdbcReplayStore.NO_NUMERIC_ID + " ELSE " + column + " END";
	}

	@FunctionalInterface
	private interface Write {

		boolean run();

	}

	/**
	 * The statements of one kind of write: a single upsert where the database has one, else an update then an
	 * insert of a row that is still missing.
	 */
	private record Upsert(@Nullable String upsert, String update, String insertIfAbsent) {

	}

	private record Statements(Upsert advance, Upsert opaque) {

		static Statements of(Dialect dialect, String table) {
			return new Statements(advance(dialect, table), opaque(dialect, table));
		}

		private static Upsert advance(Dialect dialect, String table) {
			String update = "UPDATE " + table + " SET replay_id = :replayId, event_time = :eventTime, "
					+ "updated_at = :updatedAt WHERE consumer_id = :consumerId AND channel = :channel "
					+ "AND replay_id < :replayId";
			String insert = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT :consumerId, :channel, :replayId, "
					+ ":eventTime, :updatedAt FROM (SELECT 1 AS one) d WHERE NOT EXISTS (SELECT 1 FROM " + table
					+ " WHERE consumer_id = :consumerId AND channel = :channel)";
			String upsert = null;
			if (dialect instanceof JdbcPostgresDialect) {
				upsert = "INSERT INTO " + table + " AS cp (" + COLUMNS + ") VALUES (:consumerId, :channel, :replayId, "
						+ ":eventTime, :updatedAt) ON CONFLICT (consumer_id, channel) DO UPDATE SET "
						+ "replay_id = EXCLUDED.replay_id, event_time = EXCLUDED.event_time, "
						+ "updated_at = EXCLUDED.updated_at WHERE cp.replay_id < EXCLUDED.replay_id";
			}
			else if (dialect instanceof JdbcH2Dialect) {
				upsert = "MERGE INTO " + table + " cp USING (VALUES (CAST(:consumerId AS VARCHAR(200)), "
						+ "CAST(:channel AS VARCHAR(255)), CAST(:replayId AS BIGINT), CAST(:eventTime AS TIMESTAMP), "
						+ "CAST(:updatedAt AS TIMESTAMP))) s(" + COLUMNS + ") ON cp.consumer_id = s.consumer_id "
						+ "AND cp.channel = s.channel WHEN MATCHED AND cp.replay_id < s.replay_id THEN UPDATE SET "
						+ "replay_id = s.replay_id, event_time = s.event_time, updated_at = s.updated_at "
						+ "WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (s.consumer_id, s.channel, "
						+ "s.replay_id, s.event_time, s.updated_at)";
			}
			return new Upsert(upsert, update, insert);
		}

		private static Upsert opaque(Dialect dialect, String table) {
			String update = "UPDATE " + table + " SET replay_bytes = :replayBytes, replay_id = "
					+ keepNumericId("replay_id") + ", event_time = :eventTime, updated_at = :updatedAt "
					+ "WHERE consumer_id = :consumerId AND channel = :channel";
			String insert = "INSERT INTO " + table + " (" + OPAQUE_COLUMNS + ") SELECT :consumerId, :channel, "
					+ JdbcReplayStore.NO_NUMERIC_ID + ", :replayBytes, :eventTime, :updatedAt FROM (SELECT 1 AS one) d "
					+ "WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE consumer_id = :consumerId "
					+ "AND channel = :channel)";
			String upsert = null;
			if (dialect instanceof JdbcPostgresDialect) {
				upsert = "INSERT INTO " + table + " AS cp (" + OPAQUE_COLUMNS + ") VALUES (:consumerId, :channel, "
						+ JdbcReplayStore.NO_NUMERIC_ID + ", :replayBytes, :eventTime, :updatedAt) "
						+ "ON CONFLICT (consumer_id, channel) DO UPDATE SET replay_bytes = EXCLUDED.replay_bytes, "
						+ "replay_id = " + keepNumericId("cp.replay_id") + ", event_time = EXCLUDED.event_time, "
						+ "updated_at = EXCLUDED.updated_at";
			}
			else if (dialect instanceof JdbcH2Dialect) {
				upsert = "MERGE INTO " + table + " cp USING (VALUES (CAST(:consumerId AS VARCHAR(200)), "
						+ "CAST(:channel AS VARCHAR(255)), CAST(:replayBytes AS VARBINARY), "
						+ "CAST(:eventTime AS TIMESTAMP), CAST(:updatedAt AS TIMESTAMP))) "
						+ "s(consumer_id, channel, replay_bytes, event_time, updated_at) "
						+ "ON cp.consumer_id = s.consumer_id AND cp.channel = s.channel WHEN MATCHED THEN UPDATE SET "
						+ "replay_bytes = s.replay_bytes, replay_id = " + keepNumericId("cp.replay_id") + ", "
						+ "event_time = s.event_time, updated_at = s.updated_at WHEN NOT MATCHED THEN INSERT ("
						+ OPAQUE_COLUMNS + ") VALUES (s.consumer_id, s.channel, " + JdbcReplayStore.NO_NUMERIC_ID
						+ ", s.replay_bytes, s.event_time, s.updated_at)";
			}
			return new Upsert(upsert, update, insert);
		}

	}

}
