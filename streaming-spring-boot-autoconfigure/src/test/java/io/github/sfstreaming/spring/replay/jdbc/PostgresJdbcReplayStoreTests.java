package io.github.sfstreaming.spring.replay.jdbc;

import javax.sql.DataSource;

/**
 * {@link AbstractJdbcReplayStoreTests} on PostgreSQL.
 */
@PostgresAvailable
class PostgresJdbcReplayStoreTests extends AbstractJdbcReplayStoreTests {

	private final PostgresDatabase database;

	PostgresJdbcReplayStoreTests(PostgresDatabase database) {
		this.database = database;
	}

	@Override
	protected DataSource createDataSource() {
		return this.database.dataSource();
	}

	@Override
	protected String platform() {
		return "postgresql";
	}

}
