package io.github.sfstreaming.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * (a) and (b): a Spring Boot application with the starter and one {@code @SalesforceListener} method, configured
 * only through properties, with the JDBC replay store on PostgreSQL (a) or the in-memory store (b).
 */
final class StarterSubject implements Subject {

	static final String TABLE = "BENCH_SF_STREAMING_REPLAY";

	private final boolean jdbc;

	private final URI loginUrl;

	private final BenchmarkSettings settings;

	private final EventProbe probe;

	private final StoreWriteCounter storeWrites = new StoreWriteCounter();

	private final StatementCounter statements = new StatementCounter(TABLE);

	private @Nullable ConfigurableApplicationContext context;

	StarterSubject(boolean jdbc, URI loginUrl, BenchmarkSettings settings, EventProbe probe) {
		this.jdbc = jdbc;
		this.loginUrl = loginUrl;
		this.settings = settings;
		this.probe = probe;
	}

	@Override
	public char key() {
		return this.jdbc ? 'a' : 'b';
	}

	@Override
	public String description() {
		return this.jdbc ? "starter, @SalesforceListener, JDBC store (PostgreSQL)"
				: "starter, @SalesforceListener, in-memory store";
	}

	@Override
	public void start(List<String> channels) throws SQLException {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "benchmark-" + key());
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.put("salesforce.streaming.login-url", this.loginUrl.toString());
		properties.put("salesforce.streaming.auth.client-id", EmulatorLogin.CLIENT_ID);
		properties.put("salesforce.streaming.auth.client-secret", EmulatorLogin.CLIENT_SECRET);
		properties.put("salesforce.streaming.auth.username", EmulatorLogin.USERNAME);
		properties.put("salesforce.streaming.auth.password", EmulatorLogin.PASSWORD);
		properties.put("benchmark.channels", String.join(",", channels));
		if (this.jdbc) {
			dropTable();
			properties.put("spring.datasource.url", this.settings.jdbcUrl());
			properties.put("spring.datasource.username", this.settings.jdbcUser());
			properties.put("spring.datasource.password", this.settings.jdbcPassword());
			properties.put("salesforce.streaming.replay.store", "jdbc");
			properties.put("salesforce.streaming.replay.initialize-schema", "always");
			properties.put("salesforce.streaming.replay.table-name", TABLE);
			String flushInterval = System.getProperty("bench.flush-interval");
			if (flushInterval != null) {
				properties.put("salesforce.streaming.replay.flush-interval", flushInterval);
			}
		}
		else {
			properties.put("salesforce.streaming.replay.store", "memory");
			properties.put("spring.autoconfigure.exclude",
					"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		}
		this.context = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.properties(properties)
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("eventProbe", this.probe);
				context.getBeanFactory().registerSingleton("storeWriteCounter", this.storeWrites);
				context.getBeanFactory().addBeanPostProcessor(this.statements);
			})
			.run();
	}

	@Override
	public long storeWrites() {
		return this.storeWrites.writes();
	}

	@Override
	public long durableWrites() {
		return this.jdbc ? this.statements.writes() : -1;
	}

	@Override
	public Map<String, Long> stop() throws SQLException {
		ConfigurableApplicationContext context = this.context;
		if (context == null) {
			return Map.of();
		}
		ReplayStore store = context.getBean(ReplayStore.class);
		context.close();
		if (store instanceof InMemoryReplayStore memory) {
			return memory.snapshot();
		}
		return readTable();
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.settings.jdbcUrl(), this.settings.jdbcUser(),
				this.settings.jdbcPassword());
	}

	/** Starts from an empty table: the emulator's replay ids start at 1 again on every run. */
	private void dropTable() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + TABLE);
		}
	}

	private Map<String, Long> readTable() throws SQLException {
		Map<String, Long> stored = new HashMap<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT channel, replay_id FROM " + TABLE
						+ " WHERE consumer_id = 'benchmark-" + key() + "'")) {
			while (rows.next()) {
				stored.put(rows.getString(1), rows.getLong(2));
			}
		}
		return stored;
	}

}
