package io.github.sfstreaming.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.jdbc.repository.support.JdbcRepositoryFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.userrepo.Invoice;
import io.github.sfstreaming.spring.autoconfigure.userrepo.InvoiceRepository;
import io.github.sfstreaming.spring.autoconfigure.userrepo.UserApplication;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStoreSchemaInitializer;
import io.github.sfstreaming.spring.replay.jdbc.PostgresAvailable;
import io.github.sfstreaming.spring.replay.jdbc.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link SalesforceStreamingJdbcReplayStoreAutoConfiguration}.
 */
class SalesforceStreamingJdbcReplayStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				SalesforceStreamingJdbcReplayStoreAutoConfiguration.class, SalesforceStreamingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT);

	@Test
	void dataSourceMakesTheJdbcStoreTheDefault() {
		this.contextRunner.withPropertyValues("spring.application.name=invoice-sync").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(JdbcReplayStoreSchemaInitializer.class);
			JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
			assertThat(context.getBean(ReplayStore.class)).isSameAs(store);
			assertThat(store.getConsumer()).isEqualTo("invoice-sync");
			store.store("/topic/InvoiceUpdates", 7, null);
			store.flush();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT replay_id FROM SF_STREAMING_REPLAY WHERE consumer_id = ? "
					+ "AND channel = ?", Long.class, "invoice-sync", "/topic/InvoiceUpdates"))
				.isEqualTo(7);
		});
	}

	@Test
	void storeIsCreatedAfterTheSchema() {
		this.contextRunner.run((context) -> {
			String[] dependsOn = context.getBeanFactory()
				.getBeanDefinition("salesforceStreamingReplayStore")
				.getDependsOn();
			assertThat(dependsOn).contains("salesforceStreamingReplayStoreSchemaInitializer");
		});
	}

	@Test
	void tableNameAndConsumerAreConfigurable() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.replay.table-name=my_replay",
					"salesforce.streaming.replay.consumer=billing", "salesforce.streaming.replay.flush-interval=0s")
			.run((context) -> {
				JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
				assertThat(store.getConsumer()).isEqualTo("billing");
				store.store("/event/Order__e", 11, null);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForObject("SELECT replay_id FROM my_replay WHERE consumer_id = 'billing'",
						Long.class))
					.isEqualTo(11);
				assertThat(store.lastReplayId("/event/Order__e")).contains(ReplayPosition.after(11));
			});
	}

	@Test
	void consumerDefaultsWithoutApplicationName() {
		this.contextRunner.run((context) -> assertThat(context.getBean(JdbcReplayStore.class).getConsumer())
			.isEqualTo(SalesforceStreamingJdbcReplayStoreAutoConfiguration.DEFAULT_CONSUMER));
	}

	@Test
	void memoryStoreCanBeChosen() {
		this.contextRunner.withPropertyValues("salesforce.streaming.replay.store=memory").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(JdbcReplayStore.class);
			assertThat(context).doesNotHaveBean(JdbcReplayStoreSchemaInitializer.class);
			assertThat(context).getBean(ReplayStore.class).isInstanceOf(InMemoryReplayStore.class);
		});
	}

	@Test
	void withoutSpringDataJdbcTheStoreIsInMemory() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcRepositoryFactory.class))
			.run((context) -> assertThat(context).getBean(ReplayStore.class).isInstanceOf(InMemoryReplayStore.class));
	}

	@Test
	void withoutDataSourceTheStoreIsInMemory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
					SalesforceStreamingAutoConfiguration.class))
			.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
			.run((context) -> assertThat(context).getBean(ReplayStore.class).isInstanceOf(InMemoryReplayStore.class));
	}

	@Test
	void twoDataSourcesWithoutPrimaryLeaveTheStoreInMemory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
					SalesforceStreamingAutoConfiguration.class))
			.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
			.withBean("one", DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:one"))
			.withBean("two", DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:two"))
			.run((context) -> assertThat(context).getBean(ReplayStore.class).isInstanceOf(InMemoryReplayStore.class));
	}

	@Test
	void userReplayStoreReplacesTheJdbcStoreAndItsSchema() {
		ReplayStore own = new InMemoryReplayStore();
		this.contextRunner.withBean("myReplayStore", ReplayStore.class, () -> own).run((context) -> {
			assertThat(context).getBean(ReplayStore.class).isSameAs(own);
			assertThat(context).doesNotHaveBean(JdbcReplayStore.class);
			assertThat(context).doesNotHaveBean(JdbcReplayStoreSchemaInitializer.class);
		});
	}

	@Test
	void schemaInitializationNeverFailsWithAHint() {
		this.contextRunner.withPropertyValues("salesforce.streaming.replay.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasStackTraceContaining("salesforce.streaming.replay.initialize-schema=always");
		});
	}

	@Test
	void anEmbeddedTableOfTheEarlierLayoutIsUpgradedAtEachStartKeepingItsIds() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (HikariDataSource dataSource = h2(url)) {
			createEarlierLayoutTable(new JdbcTemplate(dataSource), "SF_STREAMING_REPLAY");
			ApplicationContextRunner h2 = this.contextRunner.withPropertyValues("spring.datasource.url=" + url,
					"spring.datasource.generate-unique-name=false", "salesforce.streaming.replay.consumer=app",
					"salesforce.streaming.replay.flush-interval=0s");
			for (int start = 1; start <= 2; start++) {
				h2.run(this::keepsTheEarlierIdAndStoresPubSubIds);
			}
		}
	}

	@Test
	void aTableOfTheEarlierLayoutLeftAloneFailsStartupWithTheMigration() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (HikariDataSource dataSource = h2(url)) {
			createEarlierLayoutTable(new JdbcTemplate(dataSource), "SF_STREAMING_REPLAY");
			this.contextRunner
				.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.generate-unique-name=false",
						"salesforce.streaming.replay.initialize-schema=never")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context).getFailure()
						.hasStackTraceContaining("has no replay_bytes column")
						.hasStackTraceContaining("ADD COLUMN replay_bytes")
						.hasStackTraceContaining("salesforce.streaming.replay.initialize-schema=always");
				});
		}
	}

	private void keepsTheEarlierIdAndStoresPubSubIds(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
		assertThat(store.lastReplayId("/event/Order__e")).contains(ReplayPosition.after(41));
		store.store("/event/Order__e", ReplayPosition.afterOpaque(new byte[] { 0, 42 }), null);
		assertThat(store.lastReplayId("/event/Order__e", ReplayIdFormat.OPAQUE))
			.contains(ReplayPosition.afterOpaque(new byte[] { 0, 42 }));
		assertThat(store.lastReplayId("/event/Order__e")).contains(ReplayPosition.after(41));
	}

	/** The table of the versions that kept CometD ids only, with one channel's id. */
	private static void createEarlierLayoutTable(JdbcTemplate jdbc, String table) {
		jdbc.execute("CREATE TABLE " + table + " (consumer_id VARCHAR(200) NOT NULL, channel VARCHAR(255) NOT NULL, "
				+ "replay_id BIGINT NOT NULL, event_time TIMESTAMP, updated_at TIMESTAMP NOT NULL, "
				+ "PRIMARY KEY (consumer_id, channel))");
		jdbc.update("INSERT INTO " + table + " (consumer_id, channel, replay_id, updated_at) "
				+ "VALUES ('app', '/event/Order__e', 41, CURRENT_TIMESTAMP)");
	}

	private static HikariDataSource h2(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername("sa");
		return dataSource;
	}

	@Test
	void badTableNameFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("salesforce.streaming.replay.table-name=replay; DROP TABLE x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.hasStackTraceContaining("salesforce.streaming.replay.table-name")
					.hasStackTraceContaining("replay; DROP TABLE x");
			});
	}

	@Test
	void applicationsOwnRepositoriesAreStillDetected() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					DataJdbcRepositoriesAutoConfiguration.class))
			.withUserConfiguration(UserApplication.class)
			.withPropertyValues("spring.sql.init.mode=never")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(InvoiceRepository.class);
				assertThat(context).hasSingleBean(JdbcReplayStore.class);
				new JdbcTemplate(context.getBean(DataSource.class))
					.execute("CREATE TABLE INVOICE (ID BIGINT AUTO_INCREMENT PRIMARY KEY, NUMBER VARCHAR(20))");
				InvoiceRepository invoices = context.getBean(InvoiceRepository.class);
				invoices.save(new Invoice(null, "INV-1"));
				assertThat(invoices.count()).isEqualTo(1);
			});
	}

	@Test
	void listenerChannelLongerThanTheChannelColumnFailsStartup() {
		String channel = channelOfLength(JdbcReplayStore.MAX_CHANNEL_LENGTH + 1);
		this.contextRunner.withUserConfiguration(ChannelListenerConfiguration.class)
			.withPropertyValues("test.channel=" + channel)
			.run((context) -> assertChannelTooLong(context, channel));
	}

	@Test
	void listenerChannelThatFitsTheChannelColumnIsStored() {
		String channel = channelOfLength(JdbcReplayStore.MAX_CHANNEL_LENGTH);
		this.contextRunner.withUserConfiguration(ChannelListenerConfiguration.class)
			.withPropertyValues("test.channel=" + channel, "salesforce.streaming.replay.flush-interval=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
				store.store(channel, 3, null);
				assertThat(store.lastReplayId(channel)).contains(ReplayPosition.after(3));
			});
	}

	@Test
	void longChannelsAreNoConcernOfAnotherReplayStore() {
		this.contextRunner.withUserConfiguration(ChannelListenerConfiguration.class)
			.withPropertyValues("test.channel=" + channelOfLength(JdbcReplayStore.MAX_CHANNEL_LENGTH + 1),
					"salesforce.streaming.replay.store=memory")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void channelLimitIsTheWidthOfTheShippedSchemasChannelColumn() throws Exception {
		for (String platform : List.of("h2", "postgresql")) {
			String location = "io/github/sfstreaming/spring/replay/jdbc/schema-" + platform + ".sql";
			String schema = new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
			assertThat(schema).contains("channel VARCHAR(" + JdbcReplayStore.MAX_CHANNEL_LENGTH + ") NOT NULL");
		}
	}

	@Test
	@PostgresAvailable
	void postgresChannelLimitIsTheChannelColumnsWidth(PostgresDatabase database) {
		String table = PostgresDatabase.uniqueTableName();
		String longest = channelOfLength(JdbcReplayStore.MAX_CHANNEL_LENGTH);
		String tooLong = channelOfLength(JdbcReplayStore.MAX_CHANNEL_LENGTH + 1);
		ApplicationContextRunner postgres = this.contextRunner.withUserConfiguration(ChannelListenerConfiguration.class)
			.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("spring.datasource.generate-unique-name=false",
					"salesforce.streaming.replay.initialize-schema=always",
					"salesforce.streaming.replay.table-name=" + table, "salesforce.streaming.replay.flush-interval=0s");
		try {
			postgres.withPropertyValues("test.channel=" + tooLong)
				.run((context) -> assertChannelTooLong(context, tooLong));
			postgres.withPropertyValues("test.channel=" + longest).run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
				store.store(longest, 7, null);
				assertThat(store.lastReplayId(longest)).contains(ReplayPosition.after(7));
				// the limit is the column's: one character more is refused by the database itself
				assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> store.store(tooLong, 7, null));
			});
		}
		finally {
			try (HikariDataSource dataSource = database.dataSource()) {
				new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	private static String channelOfLength(int length) {
		return "/event/" + "A".repeat(length - "/event/".length() - "__e".length()) + "__e";
	}

	private static void assertChannelTooLong(AssertableApplicationContext context, String channel) {
		assertThat(context).hasFailed();
		assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("@SalesforceListener method ChannelListener.onEvent(..)")
			.hasMessageContaining("'" + channel + "'")
			.hasMessageContaining(channel.length() + " characters long")
			.hasMessageContaining("holds at most " + JdbcReplayStore.MAX_CHANNEL_LENGTH);
	}

	@Test
	@PostgresAvailable
	void postgresSchemaIsCreatedWhenAlways(PostgresDatabase database) {
		String table = PostgresDatabase.uniqueTableName();
		this.contextRunner.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("spring.datasource.generate-unique-name=false",
					"salesforce.streaming.replay.initialize-schema=always",
					"salesforce.streaming.replay.table-name=" + table, "salesforce.streaming.replay.flush-interval=0s")
			.run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				try {
					assertThat(context).hasNotFailed();
					JdbcReplayStore store = context.getBean(JdbcReplayStore.class);
					store.store("/data/ChangeEvents", 5, null);
					store.store("/data/ChangeEvents", 4, null);
					assertThat(jdbc.queryForObject("SELECT replay_id FROM " + table, Long.class)).isEqualTo(5);
				}
				finally {
					jdbc.execute("DROP TABLE IF EXISTS " + table);
				}
			});
	}

	@Test
	@PostgresAvailable
	void postgresTableOfTheEarlierLayoutIsUpgradedAtEachStartKeepingItsIds(PostgresDatabase database) {
		String table = PostgresDatabase.uniqueTableName();
		try (HikariDataSource dataSource = database.dataSource()) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			createEarlierLayoutTable(jdbc, table);
			try {
				ApplicationContextRunner postgres = this.contextRunner.withPropertyValues(database.datasourceProperties())
					.withPropertyValues("spring.datasource.generate-unique-name=false",
							"salesforce.streaming.replay.initialize-schema=always",
							"salesforce.streaming.replay.table-name=" + table, "salesforce.streaming.replay.consumer=app",
							"salesforce.streaming.replay.flush-interval=0s");
				for (int start = 1; start <= 2; start++) {
					postgres.run(this::keepsTheEarlierIdAndStoresPubSubIds);
				}
				assertThat(jdbc.queryForObject("SELECT data_type FROM information_schema.columns WHERE table_name = ? "
						+ "AND column_name = 'replay_bytes'", String.class, table))
					.isEqualTo("bytea");
			}
			finally {
				jdbc.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	@Test
	@PostgresAvailable
	void postgresSchemaIsNotCreatedByDefault(PostgresDatabase database) {
		String table = PostgresDatabase.uniqueTableName();
		this.contextRunner.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("spring.datasource.generate-unique-name=false",
					"salesforce.streaming.replay.table-name=" + table)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().hasStackTraceContaining(table);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ChannelListenerConfiguration {

		@Bean
		ChannelListener channelListener() {
			return new ChannelListener();
		}

	}

	static class ChannelListener {

		@SalesforceListener(id = "long", value = "${test.channel}")
		void onEvent(PlatformEvent event) {
		}

	}

}
