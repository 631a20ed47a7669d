package io.github.sfstreaming.spring.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingJdbcReplayStoreAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Cluster;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingThreads;
import io.github.sfstreaming.spring.cluster.LockTablePrefix;
import io.github.sfstreaming.spring.cluster.LockTableSchemaInitializer;
import io.github.sfstreaming.spring.cluster.SalesforceStreamingLeaderElection;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of cluster mode
 * ({@code salesforce.streaming.cluster.enabled=true}): the instances that share the application's DataSource elect
 * a leader through Spring Integration's {@link JdbcLockRegistry} and {@link LockRegistryLeaderInitiator}; only the
 * leader runs the streaming client. The election's threads, {@code sf-streaming-leader} and
 * {@code sf-streaming-leadership-N}, come from {@link SalesforceStreamingThreads}.
 */
@AutoConfiguration(after = { SalesforceStreamingAutoConfiguration.class,
		SalesforceStreamingJdbcReplayStoreAutoConfiguration.class },
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ JdbcLockRegistry.class, LockRegistryLeaderInitiator.class, DataSource.class,
		DatabaseInitializationSettings.class, PlatformPlaceholderDatabaseDriverResolver.class })
@ConditionalOnBooleanProperty("salesforce.streaming.cluster.enabled")
@ConditionalOnBean(SalesforceStreamingLifecycle.class)
public final class SalesforceStreamingClusterAutoConfiguration {

	/** Region of the lock rows, so that the table can be shared with other uses of Spring Integration locks. */
	static final String LOCK_REGION = "SALESFORCE_STREAMING";

	@Bean
	DefaultLockRepository salesforceStreamingLockRepository(ObjectProvider<DataSource> dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager, SalesforceStreamingProperties properties) {
		DataSource database = dataSource(dataSource);
		DefaultLockRepository repository = new DefaultLockRepository(database);
		repository.setPrefix(tablePrefix(properties).qualified());
		repository.setRegion(LOCK_REGION);
		repository.setTransactionManager(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(database)));
		return repository;
	}

	@Bean
	JdbcLockRegistry salesforceStreamingLockRegistry(DefaultLockRepository salesforceStreamingLockRepository,
			SalesforceStreamingProperties properties) {
		Cluster cluster = properties.getCluster();
		requirePositive("salesforce.streaming.cluster.heartbeat", cluster.getHeartbeat());
		requirePositive("salesforce.streaming.cluster.lock-ttl", cluster.getLockTtl());
		if (cluster.getLockTtl().compareTo(cluster.getHeartbeat()) <= 0) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.cluster.lock-ttl",
					cluster.getLockTtl(), "Must be longer than the heartbeat (" + cluster.getHeartbeat() + ")");
		}
		JdbcLockRegistry registry = new JdbcLockRegistry(salesforceStreamingLockRepository, cluster.getLockTtl());
		registry.setIdleBetweenTries(min(Duration.ofMillis(100), cluster.getHeartbeat()));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceStreamingLeaderElection salesforceStreamingLeaderElection(
			JdbcLockRegistry salesforceStreamingLockRegistry, SalesforceStreamingLifecycle lifecycle,
			SalesforceStreamingProperties properties, Environment environment,
			ObjectProvider<SalesforceStreamingThreads> threads) {
		Cluster cluster = properties.getCluster();
		if (cluster.getBusyWait().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.cluster.busy-wait",
					cluster.getBusyWait(), "Must not be negative");
		}
		Duration stopTimeout = properties.getShutdownTimeout().plus(cluster.getLockTtl());
		SalesforceStreamingLeaderElection election = new SalesforceStreamingLeaderElection(
				salesforceStreamingLockRegistry, role(properties, environment), lifecycle, cluster.getHeartbeat(),
				cluster.getBusyWait(), stopTimeout);
		election.setAutoStartup(properties.getStartup().isAutoStartup());
		threads.ifAvailable((available) -> {
			election.setThreadFactory(available.threadFactory("leader"));
			election.getInitiator().setTaskExecutor(available.executor("leadership-"));
		});
		return election;
	}

	@Bean
	@Conditional(OnLockTableInitializationCondition.class)
	LockTableSchemaInitializer salesforceStreamingLockTableSchemaInitializer(ObjectProvider<DataSource> dataSource,
			SalesforceStreamingProperties properties) {
		DataSource database = dataSource(dataSource);
		Cluster cluster = properties.getCluster();
		PlatformPlaceholderDatabaseDriverResolver resolver = new PlatformPlaceholderDatabaseDriverResolver();
		String platform = properties.getReplay().getPlatform();
		List<String> locations = StringUtils.hasText(platform) ? resolver.resolveAll(platform, cluster.getSchema())
				: resolver.resolveAll(database, cluster.getSchema());
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setMode(initializeSchema(properties));
		settings.setContinueOnError(false);
		return new LockTableSchemaInitializer(database, settings, tablePrefix(properties).qualified());
	}

	private static LockTablePrefix tablePrefix(SalesforceStreamingProperties properties) {
		String prefix = properties.getCluster().getTablePrefix();
		try {
			return LockTablePrefix.parse(prefix);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.cluster.table-prefix", prefix,
					ex.getMessage());
		}
	}

	static String role(SalesforceStreamingProperties properties, Environment environment) {
		String role = properties.getCluster().getRole();
		if (!StringUtils.hasText(role)) {
			role = properties.getReplay().getConsumer();
		}
		if (!StringUtils.hasText(role)) {
			role = environment.getProperty("spring.application.name", "default");
		}
		return role;
	}

	private static DatabaseInitializationMode initializeSchema(SalesforceStreamingProperties properties) {
		DatabaseInitializationMode mode = properties.getCluster().getInitializeSchema();
		return (mode != null) ? mode : properties.getReplay().getInitializeSchema();
	}

	private static DataSource dataSource(ObjectProvider<DataSource> dataSource) {
		DataSource database = dataSource.getIfUnique();
		if (database == null) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.cluster.enabled", true,
					"Cluster mode needs a single (or primary) DataSource bean, shared by the instances");
		}
		return database;
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must be positive");
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Whether the lock table is created: {@code salesforce.streaming.cluster.initialize-schema}, else
	 * {@code salesforce.streaming.replay.initialize-schema}; {@code embedded} applies the script to an embedded
	 * database only (the initializer decides that).
	 */
	static class OnLockTableInitializationCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			String mode = environment.getProperty("salesforce.streaming.cluster.initialize-schema",
					environment.getProperty("salesforce.streaming.replay.initialize-schema", "embedded"));
			ConditionMessage.Builder message = ConditionMessage.forCondition("Salesforce Streaming lock table");
			if ("never".equalsIgnoreCase(mode.trim())) {
				return ConditionOutcome.noMatch(message.because("initialization mode is never"));
			}
			return ConditionOutcome.match(message.because("initialization mode is " + mode));
		}

	}

}
