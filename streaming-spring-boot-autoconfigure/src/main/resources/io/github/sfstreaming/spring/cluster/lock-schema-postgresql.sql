-- Lock table of salesforce-streaming's cluster mode: the table of Spring Integration's JdbcLockRegistry
-- (its schema-postgresql.sql), created only if it does not exist. Applied by
-- salesforce.streaming.cluster.initialize-schema; INT_ is replaced by salesforce.streaming.cluster.table-prefix.
CREATE TABLE IF NOT EXISTS INT_LOCK (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	CLIENT_ID CHAR(36),
	CREATED_DATE TIMESTAMP NOT NULL,
	EXPIRED_AFTER TIMESTAMP NOT NULL,
	constraint INT_LOCK_PK primary key (LOCK_KEY, REGION)
);
