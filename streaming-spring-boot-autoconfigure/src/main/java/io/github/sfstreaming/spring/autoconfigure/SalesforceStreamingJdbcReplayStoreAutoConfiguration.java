package io.github.sfstreaming.spring.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.jdbc.repository.support.JdbcRepositoryFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.util.StringUtils;

import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Replay;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStoreSchemaInitializer;
import io.github.sfstreaming.spring.replay.jdbc.ReplayCheckpointRepositories;
import io.github.sfstreaming.spring.replay.jdbc.ReplayTableName;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the JDBC
 * replay store, the default whenever a single {@link DataSource} and Spring Data JDBC are present. The store's
 * repository is created directly, without {@code @EnableJdbcRepositories}, so the application's own
 * repositories are still detected by Spring Boot. Its background writer runs on a scheduler of
 * {@link SalesforceStreamingThreads}, {@code sf-streaming-replay-flusher-1}.
 */
@AutoConfiguration(before = SalesforceStreamingAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass({ ReplayStore.class, DataSource.class, NamedParameterJdbcTemplate.class,
		JdbcRepositoryFactory.class, DatabaseInitializationSettings.class, PlatformPlaceholderDatabaseDriverResolver.class })
@ConditionalOnBooleanProperty(name = "salesforce.streaming.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "salesforce.streaming.replay.store", havingValue = "jdbc", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(SalesforceStreamingProperties.class)
public final class SalesforceStreamingJdbcReplayStoreAutoConfiguration {

	/** Name under which replay ids are stored when neither a consumer nor an application name is set. */
	static final String DEFAULT_CONSUMER = "default";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ReplayStore.class)
	@Import({ DatabaseInitializationDependencyConfigurer.class, SalesforceStreamingThreadsConfiguration.class })
	static class JdbcReplayStoreConfiguration {

		@Bean
		JdbcReplayStore salesforceStreamingReplayStore(DataSource dataSource, SalesforceStreamingProperties properties,
				Environment environment, SalesforceStreamingThreads threads) {
			Replay replay = properties.getReplay();
			ReplayTableName tableName = tableName(replay);
			String consumer = consumer(replay, environment);
			if (replay.getFlushInterval().isNegative()) {
				throw new InvalidConfigurationPropertyValueException("salesforce.streaming.replay.flush-interval",
						replay.getFlushInterval(), "Must not be negative");
			}
			JdbcReplayStore store = new JdbcReplayStore(
					ReplayCheckpointRepositories.create(new NamedParameterJdbcTemplate(dataSource), tableName), consumer,
					replay.getFlushInterval());
			if (!replay.getFlushInterval().isZero()) {
				store.setTaskScheduler(threads.scheduler("replay-flusher"));
			}
			return store;
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnReplayStoreDatabaseInitializationCondition.class)
		JdbcReplayStoreSchemaInitializer salesforceStreamingReplayStoreSchemaInitializer(DataSource dataSource,
				SalesforceStreamingProperties properties) {
			Replay replay = properties.getReplay();
			PlatformPlaceholderDatabaseDriverResolver resolver = new PlatformPlaceholderDatabaseDriverResolver();
			List<String> locations = StringUtils.hasText(replay.getPlatform())
					? resolver.resolveAll(replay.getPlatform(), replay.getSchema())
					: resolver.resolveAll(dataSource, replay.getSchema());
			DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
			settings.setSchemaLocations(locations);
			settings.setMode(replay.getInitializeSchema());
			settings.setContinueOnError(false);
			return new JdbcReplayStoreSchemaInitializer(dataSource, settings, tableName(replay));
		}

		private static ReplayTableName tableName(Replay replay) {
			try {
				return ReplayTableName.parse(replay.getTableName());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("salesforce.streaming.replay.table-name",
						replay.getTableName(), ex.getMessage());
			}
		}

		private static String consumer(Replay replay, Environment environment) {
			String consumer = replay.getConsumer();
			if (!StringUtils.hasText(consumer)) {
				consumer = environment.getProperty("spring.application.name", DEFAULT_CONSUMER);
			}
			if (!StringUtils.hasText(consumer) || consumer.length() > 200) {
				throw new InvalidConfigurationPropertyValueException("salesforce.streaming.replay.consumer", consumer,
						"Must be between 1 and 200 characters");
			}
			return consumer;
		}

	}

	static class OnReplayStoreDatabaseInitializationCondition extends OnDatabaseInitializationCondition {

		OnReplayStoreDatabaseInitializationCondition() {
			super("Salesforce Streaming replay store", "salesforce.streaming.replay.initialize-schema");
		}

	}

}
