package io.github.sfstreaming.spring.replay.jdbc;

import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@link AbstractJdbcReplayStoreTests} on an in-memory H2 database.
 */
class H2JdbcReplayStoreTests extends AbstractJdbcReplayStoreTests {

	@Override
	protected DataSource createDataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		dataSource.setUsername("sa");
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

	@Override
	protected String platform() {
		return "h2";
	}

}
