package io.github.sfstreaming.spring.replay.jdbc;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A PostgreSQL database that tests may use. Runs share it: every test works on a table of its own.
 *
 * @param jdbcUrl the JDBC URL
 * @param username the user
 * @param password the password
 */
public record PostgresDatabase(String jdbcUrl, String username, String password) {

	/**
	 * Returns a new connection pool; close it after use.
	 * @return the data source
	 */
	public HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(this.jdbcUrl);
		dataSource.setUsername(this.username);
		dataSource.setPassword(this.password);
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

	/**
	 * Returns a table name no other test uses.
	 * @return the name
	 */
	public static String uniqueTableName() {
		return "sf_replay_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	/**
	 * Returns the properties that point a Spring Boot application at this database.
	 * @return {@code spring.datasource.*} property values
	 */
	public String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + this.jdbcUrl, "spring.datasource.username=" + this.username,
				"spring.datasource.password=" + this.password };
	}

}
