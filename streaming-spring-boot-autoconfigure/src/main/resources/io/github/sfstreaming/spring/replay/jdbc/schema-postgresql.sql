-- Replay store of salesforce-streaming: the replay ids of the last handled event, per consumer and channel, the
-- CometD id in replay_id (-1: only a start is recorded, -2: none) and the Pub/Sub API id in replay_bytes.
-- Applied by salesforce.streaming.replay.initialize-schema; SF_STREAMING_REPLAY is replaced by
-- salesforce.streaming.replay.table-name. Copy it into your Flyway or Liquibase migrations if you use them.
CREATE TABLE IF NOT EXISTS SF_STREAMING_REPLAY (
	consumer_id VARCHAR(200) NOT NULL,
	channel VARCHAR(255) NOT NULL,
	replay_id BIGINT NOT NULL,
	replay_bytes BYTEA,
	event_time TIMESTAMP,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (consumer_id, channel)
);
-- Upgrades a table created before Pub/Sub ids were kept (without replay_bytes), in place: the column is
-- nullable, so existing rows keep their CometD ids. A no-op once the column exists, so every start can run it
-- (PostgreSQL still takes the table's lock for that moment: writers of replay ids wait, nothing fails).
ALTER TABLE SF_STREAMING_REPLAY ADD COLUMN IF NOT EXISTS replay_bytes BYTEA;
