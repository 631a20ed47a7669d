package io.github.sfstreaming.spring.e2e;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.sfstreaming.spring.replay.jdbc.PostgresAvailable;
import io.github.sfstreaming.spring.replay.jdbc.PostgresDatabase;

/**
 * {@link AbstractEndToEndTests} with the replay store on PostgreSQL, in a table of its own that the
 * application creates ({@code initialize-schema=always}).
 */
@PostgresAvailable
class PostgresEndToEndTests extends AbstractEndToEndTests {

	private final PostgresDatabase database;

	private final String table = PostgresDatabase.uniqueTableName();

	private final com.zaxxer.hikari.HikariDataSource dataSource;

	PostgresEndToEndTests(PostgresDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
	}

	@Override
	protected String[] databaseProperties() {
		return new String[] { "spring.datasource.url=" + this.database.jdbcUrl(),
				"spring.datasource.username=" + this.database.username(),
				"spring.datasource.password=" + this.database.password(),
				"salesforce.streaming.replay.initialize-schema=always",
				"salesforce.streaming.replay.table-name=" + this.table };
	}

	@Override
	protected String tableName() {
		return this.table;
	}

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	protected void afterApplicationsStopped() {
		try {
			new JdbcTemplate(this.dataSource).execute("DROP TABLE IF EXISTS " + this.table);
		}
		finally {
			this.dataSource.close();
		}
	}

}
