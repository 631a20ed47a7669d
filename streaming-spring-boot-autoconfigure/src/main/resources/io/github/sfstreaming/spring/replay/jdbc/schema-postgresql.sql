-- Replay store of salesforce-streaming: the replay id of the last handled event, per consumer and channel.
-- Applied by salesforce.streaming.replay.initialize-schema; SF_STREAMING_REPLAY is replaced by
-- salesforce.streaming.replay.table-name. Copy it into your Flyway or Liquibase migrations if you use them.
CREATE TABLE IF NOT EXISTS SF_STREAMING_REPLAY (
	consumer_id VARCHAR(200) NOT NULL,
	channel VARCHAR(255) NOT NULL,
	replay_id BIGINT NOT NULL,
	event_time TIMESTAMP,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (consumer_id, channel)
);
