package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.spring.autoconfigure.cluster.SalesforceStreamingClusterAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.health.SalesforceStreamingHealthContributorAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.metrics.SalesforceStreamingMetricsAutoConfiguration;
import io.github.sfstreaming.spring.cluster.LockTableSchemaInitializer;
import io.github.sfstreaming.spring.cluster.SalesforceStreamingLeaderElection;
import io.github.sfstreaming.spring.cluster.StreamingClusterMember;
import io.github.sfstreaming.spring.event.StreamingApplicationEventPublisher;
import io.github.sfstreaming.spring.health.SalesforceStreamingHealthIndicator;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.metrics.SalesforceStreamingMetrics;
import io.github.sfstreaming.spring.replay.jdbc.PostgresAvailable;
import io.github.sfstreaming.spring.replay.jdbc.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and beans of the health, metrics and cluster auto-configurations and of the event publisher.
 */
class SalesforceStreamingObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
				SalesforceStreamingAutoConfiguration.class, SalesforceStreamingClusterAutoConfiguration.class,
				SalesforceStreamingHealthContributorAutoConfiguration.class,
				SalesforceStreamingMetricsAutoConfiguration.class))
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
		.withPropertyValues("salesforce.streaming.startup.failure-policy=continue");

	@Test
	void healthIndicatorIsRegisteredUnderItsNameAndIsAClientListener() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SalesforceStreamingHealthIndicator.class)
				.hasBean("salesforceStreamingHealthIndicator");
			assertThat(context.getBeansOfType(StreamingClientListener.class).values())
				.contains(context.getBean(SalesforceStreamingHealthIndicator.class));
			HealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(indicator.health().getDetails()).containsEntry("state",
					io.github.sfstreaming.client.ClientState.STOPPED);
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.salesforce-streaming.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.salesforcestreaming.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingHealthIndicator.class));
	}

	@Test
	void noHealthIndicatorWithoutSpringBootHealthOrWithoutClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SalesforceStreamingHealthIndicator.class));
		this.contextRunner.withPropertyValues("salesforce.streaming.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SalesforceStreamingHealthIndicator.class));
	}

	@Test
	void negativeHealthThresholdsFail() {
		this.contextRunner.withPropertyValues("salesforce.streaming.health.reconnecting-threshold=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
				.rootCause()
				.hasMessageContaining("salesforce.streaming.health.reconnecting-threshold"));
		this.contextRunner.withPropertyValues("salesforce.streaming.health.polling-pause-threshold=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
				.rootCause()
				.hasMessageContaining("salesforce.streaming.health.polling-pause-threshold"));
	}

	@Test
	void metricsNeedAMeterRegistryBean() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingMetrics.class));
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(SalesforceStreamingMetrics.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("salesforce.streaming.handshakes").counter().count()).isZero();
			// every reconnect cause is there at zero before any fault, for dashboards and alerts
			assertThat(meters.get("salesforce.streaming.reconnects").counters())
				.extracting((counter) -> counter.getId().getTag("cause"))
				.contains("network", "unknown-client", "auth", "too-busy", "org-limit", "http-5xx");
			assertThat(meters.get("salesforce.streaming.reconnects").counters())
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
			// a client that does not run is not paused
			assertThat(meters.get("salesforce.streaming.polling.paused").timeGauge().value()).isZero();
		});
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingMetrics.class));
	}

	@Test
	void eventPublisherIsAClientListenerAndIdleIntervalMustBePositive() {
		this.contextRunner.run((context) -> assertThat(context.getBeansOfType(StreamingClientListener.class).values())
			.contains(context.getBean(StreamingApplicationEventPublisher.class)));
		this.contextRunner.withPropertyValues("salesforce.streaming.idle-event-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("salesforce.streaming.idle-event-interval"));
	}

	@Test
	void clusterModeIsOffByDefault() {
		this.contextRunner.withPropertyValues("salesforce.streaming.startup.auto-startup=true").run((context) -> {
			assertThat(context).doesNotHaveBean(SalesforceStreamingLeaderElection.class)
				.doesNotHaveBean(JdbcLockRegistry.class);
			assertThat(context.getBean(SalesforceStreamingLifecycle.class).isAutoStartup()).isTrue();
		});
	}

	@Test
	void clusterModeElectsTheLeaderThatStartsTheClient() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"salesforce.streaming.startup.auto-startup=true", "salesforce.streaming.cluster.enabled=true",
					"salesforce.streaming.replay.consumer=billing", "salesforce.streaming.cluster.lock-ttl=3s",
					"salesforce.streaming.cluster.heartbeat=500ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SalesforceStreamingLifecycle.class).isAutoStartup()).isFalse();
				assertThat(context).hasSingleBean(SalesforceStreamingLeaderElection.class)
					.hasSingleBean(LockTableSchemaInitializer.class);
				StreamingClusterMember member = context.getBean(StreamingClusterMember.class);
				assertThat(member.getRole()).isEqualTo("billing");
				assertThat(context.getBean(SalesforceStreamingLeaderElection.class).isRunning()).isTrue();
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(member.isLeader()).isTrue());
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(context.getBean(SalesforceStreamingLifecycle.class).isRunning())
						.isTrue());
				assertThat(context.getBean(SalesforceStreamingHealthIndicator.class).health().getDetails())
					.containsKey("cluster");
			});
	}

	@Test
	void clusterRoleDefaultsToTheApplicationName() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"spring.application.name=invoicing", "salesforce.streaming.cluster.enabled=true",
					"salesforce.streaming.cluster.initialize-schema=always")
			.run((context) -> {
				assertThat(context.getBean(StreamingClusterMember.class).getRole()).isEqualTo("invoicing");
				SalesforceStreamingLeaderElection election = context.getBean(SalesforceStreamingLeaderElection.class);
				assertThat(election.isAutoStartup()).isFalse();
				assertThat(election.isRunning()).isFalse();
			});
	}

	@Test
	void clusterModeRejectsALockTtlNotLongerThanTheHeartbeat() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"salesforce.streaming.cluster.enabled=true", "salesforce.streaming.cluster.lock-ttl=1s",
					"salesforce.streaming.cluster.heartbeat=1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("salesforce.streaming.cluster.lock-ttl"));
	}

	@Test
	void clusterTablePrefixThatIsNotAnSqlNameFailsNamingTheProperty() {
		for (String prefix : List.of("INT_LOCK; DROP TABLE SF_STREAMING_REPLAY; --", "a.b.INT_", "1X_", "INT-",
				"X".repeat(57), "")) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
				.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
						"salesforce.streaming.cluster.enabled=true",
						"salesforce.streaming.cluster.table-prefix=" + prefix)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("salesforce.streaming.cluster.table-prefix")
					.hasMessageContaining("not a table name prefix"));
		}
	}

	@Test
	void clusterTablePrefixMayNameASchema() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"salesforce.streaming.cluster.enabled=true", "salesforce.streaming.cluster.table-prefix=PUBLIC.SF_",
					"salesforce.streaming.startup.auto-startup=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StreamingClusterMember member = context.getBean(StreamingClusterMember.class);
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(member.isLeader()).isTrue());
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM PUBLIC.SF_LOCK", Integer.class)).isOne();
			});
	}

	@Test
	@PostgresAvailable
	void clusterLockTableInASchemaIsCreatedOnPostgres(PostgresDatabase database) {
		String prefix = "sf_lock_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("salesforce.streaming.cluster.enabled=true",
					"salesforce.streaming.cluster.table-prefix=public." + prefix,
					"salesforce.streaming.cluster.initialize-schema=always", "salesforce.streaming.replay.store=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				try {
					assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM public." + prefix + "LOCK", Integer.class))
						.isZero();
				}
				finally {
					jdbc.execute("DROP TABLE IF EXISTS public." + prefix + "LOCK");
				}
			});
	}

	@Test
	void clusterModeWithoutSpringIntegrationFailsRatherThanRunEveryInstance() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JdbcLockRegistry.class))
			.withPropertyValues("salesforce.streaming.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring-integration-jdbc"));
	}

	@Test
	void clusterModeWithoutDataSourceFails() {
		this.contextRunner.withPropertyValues("salesforce.streaming.cluster.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("DataSource"));
	}

}
