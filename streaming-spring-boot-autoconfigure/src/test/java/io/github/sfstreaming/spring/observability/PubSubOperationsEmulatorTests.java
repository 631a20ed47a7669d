package io.github.sfstreaming.spring.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.grpc.Status.Code;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingJdbcReplayStoreAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.cluster.SalesforceStreamingClusterAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.health.SalesforceStreamingHealthContributorAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.metrics.SalesforceStreamingMetricsAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.pubsub.SalesforceStreamingPubSubAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.pubsub.SalesforceStreamingPubSubMetricsAutoConfiguration;
import io.github.sfstreaming.spring.cluster.StreamingClusterMember;
import io.github.sfstreaming.spring.event.ReplayIdInvalidEvent;
import io.github.sfstreaming.spring.event.SalesforceStreamingEvent;
import io.github.sfstreaming.spring.event.StreamingConnectedEvent;
import io.github.sfstreaming.spring.event.StreamingDisconnectedEvent;
import io.github.sfstreaming.spring.event.SubscriptionFailedEvent;
import io.github.sfstreaming.spring.health.SalesforceStreamingHealthIndicator;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.metrics.SalesforceStreamingPubSubMetrics;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, meters, application events and cluster mode of an application receiving over the Pub/Sub API, across the
 * emulator's Pub/Sub faults: they read as they do over CometD.
 */
class PubSubOperationsEmulatorTests {

	private static final String ORDERS = "/event/Order__e";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels(ORDERS)
		.customize((builder) -> builder.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(200))
			.pubSubZeroCreditTimeout(Duration.ofMillis(500)))
		.build();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
					SalesforceStreamingPubSubAutoConfiguration.class,
					SalesforceStreamingHealthContributorAutoConfiguration.class,
					SalesforceStreamingMetricsAutoConfiguration.class,
					SalesforceStreamingPubSubMetricsAutoConfiguration.class))
			.withUserConfiguration(OperatedApplication.class)
			.withBean(SalesforceStreamingEmulatorConnectionDetails.class,
					() -> new SalesforceStreamingEmulatorConnectionDetails(this.emulator.emulator()))
			.withPropertyValues("salesforce.streaming.transport=pubsub", "salesforce.streaming.replay.store=memory",
					"salesforce.streaming.replay.default=all", "salesforce.streaming.backoff.initial=100ms",
					"salesforce.streaming.backoff.max=200ms", "salesforce.streaming.pubsub.max-credit=50",
					"salesforce.streaming.health.reconnecting-threshold=1s",
					"salesforce.streaming.shutdown-timeout=5s");
	}

	@Test
	void healthIsUpOnTheStreamsDownWhileTheyAreRefusedPastTheThresholdAndUpAgain() {
		runner().run((context) -> {
			SalesforceStreamingHealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
			awaitUp(context);
			Health up = indicator.health();
			assertThat(up.getDetails()).containsEntry("state", ClientState.CONNECTED).containsKey("lastConnectTime");
			// opaque ids: no replay-id numbers in the details, which would only be order numbers
			assertThat(channelDetails(up, ORDERS)).containsEntry("subscribed", true)
				.doesNotContainKeys("lastStoredReplayId", "lastReceivedReplayId");
			// a quiet channel's keep-alives keep the client's 300 s window fresh
			assertThat(context.getBean(SalesforceStreamingClient.class).pollingStatus().pollWindow())
				.isEqualTo(Duration.ofSeconds(300));

			// the client counts a stream as taken a moment after it asked: break it once the emulator has it
			awaitOpenStream();
			this.emulator.emulator().pubSubFaults().unavailable(100_000);
			this.emulator.emulator().pubSubFaults().breakStreams();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("not connected for");
			});
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.events(StreamingDisconnectedEvent.class)).isNotEmpty()
				.allSatisfy((event) -> assertThat(event.getReason()).startsWith("transient: "));

			this.emulator.emulator().pubSubFaults().clear();
			awaitUp(context);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(recorder.events(StreamingConnectedEvent.class))
					.hasSizeGreaterThanOrEqualTo(2));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("salesforce.streaming.reconnects").tag("cause", "transient").counter().count())
				.isPositive();
			assertThat(meters.get("salesforce.streaming.handshakes").counter().count()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void healthIsDownWhileStuckListenersLeaveNoCreditPastTheThresholdAndUpOnceTheyCatchUp() {
		runner().withPropertyValues("salesforce.streaming.buffer-size=2",
				"salesforce.streaming.health.polling-pause-threshold=1s").run((context) -> {
					SalesforceStreamingHealthIndicator indicator = context
						.getBean(SalesforceStreamingHealthIndicator.class);
					awaitUp(context);
					Listeners listeners = context.getBean(Listeners.class);
					CountDownLatch gate = new CountDownLatch(1);
					listeners.gate = gate;
					this.emulator.publish(ORDERS, 6, "{\"OrderNumber__c\":\"1\"}");
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					try {
						await().atMost(TIMEOUT).untilAsserted(() -> {
							Health health = indicator.health();
							assertThat(health.getStatus()).isEqualTo(Status.DOWN);
							assertThat(health.getDetails()).containsKey("pollingPausedSince");
							assertThat((String) health.getDetails().get("reason"))
								.startsWith("receiving paused (no credit requested) for ")
								.endsWith("(threshold 1 s)");
						});
						assertThat(meters.get(SalesforceStreamingPubSubMetrics.CREDIT_OUTSTANDING)
							.tag("channel", ORDERS)
							.gauge()
							.value()).isZero();
						assertThat(meters.get("salesforce.streaming.polling.paused").timeGauge().value())
							.isGreaterThan(0);
					}
					finally {
						gate.countDown();
					}
					// the server closed the stream at zero credit meanwhile: nothing is lost, the order is kept
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listeners.handled).hasSize(6));
					awaitUp(context);
					assertThat(indicator.health().getDetails()).doesNotContainKeys("reason", "pollingPausedSince");
				});
	}

	@Test
	void creditKeepAlivesAndReconnectCausesAreMetered() {
		runner().run((context) -> {
			awaitUp(context);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// every Pub/Sub cause at zero before any fault, beside CometD's
			assertThat(meters.get("salesforce.streaming.reconnects").counters())
				.extracting((counter) -> counter.getId().getTag("cause"))
				.contains("auth", "invalid-replay-id", "limit", "transient", "network");
			// idle: everything requested is owed
			assertThat(meters.get(SalesforceStreamingPubSubMetrics.CREDIT_OUTSTANDING)
				.tag("channel", ORDERS)
				.gauge()
				.value()).isEqualTo(50);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(
						meters.get(SalesforceStreamingPubSubMetrics.KEEP_ALIVES).tag("channel", ORDERS).counter().count())
					.isGreaterThanOrEqualTo(2));

			awaitOpenStream();
			this.emulator.emulator().pubSubFaults().authError(1);
			this.emulator.emulator().pubSubFaults().breakStreams();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(
						meters.get("salesforce.streaming.reconnects").tag("cause", "auth").counter().count())
					.isPositive());
			awaitOpenStream();
			this.emulator.emulator().pubSubFaults().failSubscribes(Code.RESOURCE_EXHAUSTED,
					"sfdc.platform.eventbus.grpc.subscription.limit.exceeded", 1);
			this.emulator.emulator().pubSubFaults().breakStreams();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(
						meters.get("salesforce.streaming.reconnects").tag("cause", "limit").counter().count())
					.isPositive());
		});
	}

	@Test
	void aRefusedStoredIdIsPublishedAndCountedAndTheChannelResumesFromThePolicysPreset() {
		runner().run((context) -> {
			awaitUp(context);
			Listeners listeners = context.getBean(Listeners.class);
			this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"1\"}");
			await().atMost(TIMEOUT).until(() -> listeners.handled.size() == 1);
			SalesforceStreamingLifecycle lifecycle = context.getBean(SalesforceStreamingLifecycle.class);
			lifecycle.stop();
			this.emulator.emulator().pubSubFaults().corruptedReplayId(1);
			lifecycle.start();
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events(ReplayIdInvalidEvent.class))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getChannel()).isEqualTo(ORDERS);
					assertThat(event.getFallback()).isEqualTo(ReplayPosition.ALL_EVENTS);
				}));
			// resumed from the earliest retained event: it comes again, at least once
			await().atMost(TIMEOUT).until(() -> listeners.handled.size() >= 2);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("salesforce.streaming.reconnects").tag("cause", "invalid-replay-id").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void aForbiddenTopicIsAFailedSubscriptionEventAndHealthIsDown() {
		this.emulator.emulator().pubSubFaults().failSubscribes(Code.PERMISSION_DENIED,
				"sfdc.platform.eventbus.grpc.subscription.topic.permission.denied", 1);
		runner().withPropertyValues("salesforce.streaming.startup.failure-policy=continue").run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events(SubscriptionFailedEvent.class))
				.singleElement()
				.satisfies((event) -> assertThat(event.getChannel()).isEqualTo(ORDERS)));
			SalesforceStreamingHealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("subscription failed: " + ORDERS);
			});
		});
	}

	@Test
	void inClusterModeTheElectedLeaderRunsThePubSubClientAndAStandbyTakesOverFromTheStoredId() {
		String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		ApplicationContextRunner member = runner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
					SalesforceStreamingClusterAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + database, "salesforce.streaming.cluster.enabled=true",
					"salesforce.streaming.replay.consumer=orders", "salesforce.streaming.cluster.lock-ttl=2s",
					"salesforce.streaming.cluster.heartbeat=200ms", "salesforce.streaming.replay.store=jdbc",
					"salesforce.streaming.replay.initialize-schema=always",
					"salesforce.streaming.cluster.initialize-schema=always");
		member.run((first) -> {
			StreamingClusterMember firstMember = first.getBean(StreamingClusterMember.class);
			await().atMost(TIMEOUT).until(firstMember::isLeader);
			awaitUp(first);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(this.emulator.emulator().pubSubStats().streams()).hasSize(1));
			member.run((second) -> {
				StreamingClusterMember secondMember = second.getBean(StreamingClusterMember.class);
				SalesforceStreamingClient standby = second.getBean(SalesforceStreamingClient.class);
				assertThat(secondMember.isLeader()).isFalse();
				assertThat(standby.state()).isEqualTo(ClientState.STOPPED);
				assertThat(second.getBean(SalesforceStreamingHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UP);
				this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"1\"}");
				Listeners firstListeners = first.getBean(Listeners.class);
				await().atMost(TIMEOUT).until(() -> firstListeners.handled.size() == 1);
				assertThat(second.getBean(Listeners.class).handled).isEmpty();

				// the leader leaves, storing its last replay id in the shared table: its stream ends, the standby
				// is elected, and subscribes over Pub/Sub from there
				first.close();
				await().atMost(TIMEOUT).until(secondMember::isLeader);
				await().atMost(TIMEOUT).until(() -> standby.state() == ClientState.CONNECTED);
				this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"2\"}");
				Listeners secondListeners = second.getBean(Listeners.class);
				await().atMost(TIMEOUT).until(() -> !secondListeners.handled.isEmpty());
				await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> secondListeners.handled.size() == 1);
				assertThat(secondListeners.handled).extracting(
						(event) -> event.payload().path("OrderNumber__c").asString())
					.containsExactly("2");
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(this.emulator.emulator().pubSubStats().streams()).hasSize(1));
			});
		});
	}

	private void awaitOpenStream() {
		await().atMost(TIMEOUT).until(() -> !this.emulator.emulator().pubSubStats().streams().isEmpty());
	}

	private static void awaitUp(AssertableApplicationContext context) {
		SalesforceStreamingHealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> channelDetails(Health health, String channel) {
		Map<String, Object> channels = (Map<String, Object>) health.getDetails().get("channels");
		return (Map<String, Object>) channels.get(channel);
	}

	@Configuration(proxyBeanMethods = false)
	static class OperatedApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Listeners {

		final List<PlatformEvent> handled = new CopyOnWriteArrayList<>();

		/** Holds every order event until it opens, to make the listener stuck. */
		volatile CountDownLatch gate = new CountDownLatch(0);

		@SalesforceListener(id = "orders", value = ORDERS)
		void onOrder(PlatformEvent event) throws InterruptedException {
			this.gate.await();
			this.handled.add(event);
		}

	}

	static class Recorder implements ApplicationListener<SalesforceStreamingEvent> {

		final List<SalesforceStreamingEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(SalesforceStreamingEvent event) {
			this.events.add(event);
		}

		<E extends SalesforceStreamingEvent> List<E> events(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
