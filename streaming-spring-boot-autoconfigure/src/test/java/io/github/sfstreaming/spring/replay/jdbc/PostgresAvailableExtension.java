package io.github.sfstreaming.spring.replay.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds the PostgreSQL of {@link PostgresAvailable}: Docker first, then the environment.
 */
class PostgresAvailableExtension implements ExecutionCondition, ParameterResolver {

	static final String URL = "SF_TEST_JDBC_URL";

	static final String USER = "SF_TEST_JDBC_USER";

	static final String PASSWORD = "SF_TEST_JDBC_PASSWORD";

	static final String REQUIRED = "SF_TEST_JDBC_REQUIRED";

	private static volatile PostgresDatabase database;

	private static volatile String unavailable;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		PostgresDatabase found = find();
		if (found != null) {
			return ConditionEvaluationResult.enabled("PostgreSQL at " + found.jdbcUrl());
		}
		if (Boolean.parseBoolean(System.getenv(REQUIRED))) {
			throw new ExtensionConfigurationException(
					"PostgreSQL is required (" + REQUIRED + "=true) but not available: " + unavailable);
		}
		return ConditionEvaluationResult.disabled("PostgreSQL not available: " + unavailable);
	}

	private static synchronized PostgresDatabase find() {
		if (database != null || unavailable != null) {
			return database;
		}
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			database = new PostgresDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
			return database;
		}
		String url = System.getenv(URL);
		if (url == null || url.isBlank()) {
			unavailable = "no Docker, and " + URL + " is not set";
			return null;
		}
		String user = env(USER);
		String password = env(PASSWORD);
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.isValid(5);
			database = new PostgresDatabase(url, user, password);
		}
		catch (SQLException ex) {
			unavailable = "cannot connect to " + url + " as " + user + ": " + ex.getMessage();
		}
		return database;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String env(String name) {
		String value = System.getenv(name);
		return (value != null) ? value : "";
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PostgresDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		PostgresDatabase found = find();
		if (found == null) {
			throw new ExtensionConfigurationException("PostgreSQL not available: " + unavailable);
		}
		return found;
	}

}
