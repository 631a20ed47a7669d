package io.github.sfstreaming.spring.observability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.health.SalesforceStreamingHealthContributorAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.metrics.SalesforceStreamingMetricsAutoConfiguration;
import io.github.sfstreaming.spring.event.ChannelIdleEvent;
import io.github.sfstreaming.spring.event.ReplayIdInvalidEvent;
import io.github.sfstreaming.spring.event.SalesforceStreamingEvent;
import io.github.sfstreaming.spring.event.StreamingConnectedEvent;
import io.github.sfstreaming.spring.event.StreamingDisconnectedEvent;
import io.github.sfstreaming.spring.event.SubscriptionFailedEvent;
import io.github.sfstreaming.spring.health.SalesforceStreamingHealthIndicator;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, meters, observations and application events of an application on the emulator, across faults.
 */
class ObservabilityEmulatorTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final String ORDERS = "/event/Order__e";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC, ORDERS)
		.build();

	private ApplicationContextRunner runner() {
		return runner(new SalesforceStreamingEmulatorConnectionDetails(this.emulator.emulator()));
	}

	private ApplicationContextRunner runner(SalesforceStreamingConnectionDetails connectionDetails) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
					SalesforceStreamingHealthContributorAutoConfiguration.class,
					SalesforceStreamingMetricsAutoConfiguration.class))
			.withUserConfiguration(ObservedApplication.class)
			.withBean(SalesforceStreamingConnectionDetails.class, () -> connectionDetails)
			.withPropertyValues("salesforce.streaming.replay.store=memory", "salesforce.streaming.replay.default=all",
					"salesforce.streaming.backoff.initial=100ms", "salesforce.streaming.backoff.max=200ms",
					"salesforce.streaming.listener.retry.max-attempts=2",
					"salesforce.streaming.listener.retry.initial-interval=10ms",
					"salesforce.streaming.health.reconnecting-threshold=1s",
					"salesforce.streaming.shutdown-timeout=5s");
	}

	@Test
	void healthIsUpWhenConnectedDownWhileReconnectingPastTheThresholdAndUpAgainAfter() {
		runner().run((context) -> {
			SalesforceStreamingHealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			Health up = indicator.health();
			assertThat(up.getDetails()).containsEntry("state", io.github.sfstreaming.client.ClientState.CONNECTED)
				.containsKey("lastConnectTime");
			assertThat(channelDetails(up, TOPIC)).containsEntry("subscribed", true);
			assertThat(channelDetails(up, ORDERS)).containsEntry("subscribed", true);

			long id = this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"1\"}");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(channelDetails(indicator.health(), ORDERS))
					.containsEntry("lastStoredReplayId", id));

			this.emulator.faults().httpError(503, 100_000);
			this.emulator.faults().dropSessions();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("not connected for");
			});
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.events(StreamingDisconnectedEvent.class)).isNotEmpty();

			this.emulator.faults().clear();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			// the client is CONNECTED (so UP) a moment before it tells its listeners
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(recorder.events(StreamingConnectedEvent.class))
					.hasSizeGreaterThanOrEqualTo(2));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("salesforce.streaming.handshakes").counter().count()).isGreaterThanOrEqualTo(2);
			assertThat(meters.get("salesforce.streaming.reconnects").tag("cause", "http-5xx").counter().count())
				.isPositive();
		});
	}

	@Test
	void healthIsDownWhileStuckListenersPausePollingPastTheThresholdAndUpOnceTheyCatchUp() {
		runner().withPropertyValues("salesforce.streaming.buffer-size=2",
				"salesforce.streaming.health.polling-pause-threshold=1s").run((context) -> {
					SalesforceStreamingHealthIndicator indicator = context
						.getBean(SalesforceStreamingHealthIndicator.class);
					awaitUp(context);
					Listeners listeners = context.getBean(Listeners.class);
					CountDownLatch gate = new CountDownLatch(1);
					listeners.gate = gate;
					List<Long> ids = this.emulator.publish(ORDERS, 4, "{\"OrderNumber__c\":\"1\"}");
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					try {
						await().atMost(TIMEOUT).untilAsserted(() -> {
							Health health = indicator.health();
							assertThat(health.getStatus()).isEqualTo(Status.DOWN);
							assertThat(health.getDetails()).containsEntry("state",
									io.github.sfstreaming.client.ClientState.CONNECTED)
								.containsKey("pollingPausedSince");
							assertThat((String) health.getDetails().get("reason")).startsWith("polling paused for ")
								.contains("wait for their listeners")
								.endsWith("(threshold 1 s)");
						});
						assertThat(meters.get("salesforce.streaming.polling.paused").timeGauge().value())
							.isGreaterThan(0);
					}
					finally {
						gate.countDown();
					}
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listeners.handled).containsAll(ids));
					await().atMost(TIMEOUT).untilAsserted(() -> {
						Health health = indicator.health();
						assertThat(health.getStatus()).isEqualTo(Status.UP);
						assertThat(health.getDetails()).doesNotContainKeys("reason", "pollingPausedSince");
					});
					assertThat(meters.get("salesforce.streaming.polling.paused").timeGauge().value()).isZero();
				});
	}

	@Test
	void healthIsDownWithTheReasonWhenTheClientGivesUp() {
		SalesforceStreamingConnectionDetails emulator = new SalesforceStreamingEmulatorConnectionDetails(
				this.emulator.emulator());
		SalesforceStreamingConnectionDetails wrongPassword = new SalesforceStreamingConnectionDetails() {

			@Override
			public URI getLoginUrl() {
				return emulator.getLoginUrl();
			}

			@Override
			public String getClientId() {
				return "test-client-id";
			}

			@Override
			public String getClientSecret() {
				return "test-client-secret";
			}

			@Override
			public String getUsername() {
				return "user@example.com";
			}

			@Override
			public String getPassword() {
				return "wrong";
			}

		};
		runner(wrongPassword).withPropertyValues("salesforce.streaming.startup.failure-policy=continue")
			.run((context) -> {
					SalesforceStreamingHealthIndicator indicator = context
						.getBean(SalesforceStreamingHealthIndicator.class);
					await().atMost(TIMEOUT).untilAsserted(() -> {
						Health health = indicator.health();
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(health.getDetails()).containsEntry("state",
								io.github.sfstreaming.client.ClientState.FAILED);
						assertThat((String) health.getDetails().get("reason")).startsWith("gave up:")
							.contains("authentication failure");
					});
				});
	}

	@Test
	void failedSubscriptionMakesHealthDownAndIsPublished() {
		this.emulator.faults().bayeuxError("/meta/subscribe", "403::Restricted channel", 1);
		runner().withPropertyValues("salesforce.streaming.startup.failure-policy=continue").run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events(SubscriptionFailedEvent.class))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getChannel()).isIn(TOPIC, ORDERS);
					assertThat(event.getError()).hasMessageContaining("Restricted channel");
				}));
			String failed = recorder.events(SubscriptionFailedEvent.class).get(0).getChannel();
			SalesforceStreamingHealthIndicator indicator = context.getBean(SalesforceStreamingHealthIndicator.class);
			// the refusal can come back before the first connect does: DOWN once the client is connected
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) health.getDetails().get("reason")).startsWith("subscription failed: " + failed);
				assertThat(channelDetails(health, failed)).containsEntry("subscribed", false).containsKey("error");
			});
		});
	}

	@Test
	void listenerCallsAreObservedAndTimedAndClientActivityIsCounted() {
		runner().run((context) -> {
			Listeners listeners = context.getBean(Listeners.class);
			awaitUp(context);
			listeners.failuresLeft.set(1);
			long failedOnce = this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"1\"}");
			long topicId = this.emulator.publish(TOPIC, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listeners.handled).contains(failedOnce, topicId));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(meters.get("salesforce.streaming.listener")
					.tags("listener.id", "orders", "channel", ORDERS, "result", "failure", "exception",
							"IllegalStateException")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get("salesforce.streaming.listener")
					.tags("listener.id", "orders", "channel", ORDERS, "result", "success", "exception", "none")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get("salesforce.streaming.listener")
					.tags("listener.id", "invoices", "result", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get("salesforce.streaming.events.received").tag("channel", ORDERS).counter().count())
					.isEqualTo(1);
				assertThat(meters.get("salesforce.streaming.events.received").tag("channel", TOPIC).counter().count())
					.isEqualTo(1);
				assertThat(meters.get("salesforce.streaming.replay.writes").tag("channel", ORDERS).counter().count())
					.isEqualTo(1);
			});
			assertThat(meters.get("salesforce.streaming.handshakes").counter().count()).isEqualTo(1);
			assertThat(meters.get("salesforce.streaming.last.event.age").tag("channel", ORDERS).timeGauge().value())
				.isGreaterThanOrEqualTo(0);

			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			TestObservationRegistryAssert.assertThat(observations)
				.hasNumberOfObservationsWithNameEqualTo("salesforce.streaming.listener", 3)
				.forAllObservationsWithNameEqualTo("salesforce.streaming.listener",
						(observation) -> observation.hasLowCardinalityKeyValue("messaging.system", "salesforce"))
				.hasAnObservation((observation) -> observation.hasContextualNameEqualTo(ORDERS + " receive")
					.hasLowCardinalityKeyValue("listener.id", "orders")
					.hasLowCardinalityKeyValue("result", "failure")
					.hasHighCardinalityKeyValue("salesforce.replay.id", String.valueOf(failedOnce))
					.assertThatError()
					.isInstanceOf(IllegalStateException.class));
		});
	}

	@Test
	void idleChannelsArePublishedAtTheConfiguredInterval() {
		runner().withPropertyValues("salesforce.streaming.idle-event-interval=300ms").run((context) -> {
			awaitUp(context);
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events(ChannelIdleEvent.class))
				.extracting(ChannelIdleEvent::getChannel)
				.contains(TOPIC, ORDERS));
			assertThat(recorder.events(ChannelIdleEvent.class))
				.allSatisfy((event) -> assertThat(event.getIdleTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
			// An event ends the idleness of its channel: idle time then counts from the event, not the subscription.
			Instant published = Instant.now();
			long id = this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"1\"}");
			Listeners listeners = context.getBean(Listeners.class);
			await().atMost(TIMEOUT).until(() -> listeners.handled.contains(id));
			int before = recorder.events.size();
			await().atMost(TIMEOUT)
				.until(() -> recorder.events.subList(before, recorder.events.size())
					.stream()
					.anyMatch((event) -> event instanceof ChannelIdleEvent idle && idle.getChannel().equals(ORDERS)));
			ChannelIdleEvent afterEvent = recorder.events.subList(before, recorder.events.size())
				.stream()
				.filter((event) -> event instanceof ChannelIdleEvent idle && idle.getChannel().equals(ORDERS))
				.map(ChannelIdleEvent.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(afterEvent.getIdleTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300))
				.isLessThanOrEqualTo(Duration.between(published, recorder.receivedAt.get(afterEvent)));
		});
	}

	@Test
	void rejectedReplayIdIsPublishedWithTheFallback() {
		List<Long> ids = this.emulator.publish(TOPIC, 5, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
		this.emulator.faults().trimRetention(2);
		SeededReplayStore store = new SeededReplayStore();
		store.store(TOPIC, ids.get(0), null);
		runner().withBean(ReplayStore.class, () -> store).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.events(ReplayIdInvalidEvent.class))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getChannel()).isEqualTo(TOPIC);
					assertThat(event.getReplayId()).isEqualTo(ids.get(0));
					assertThat(event.getFallback()).isEqualTo(ReplayPosition.ALL_EVENTS);
				}));
			assertThat(recorder.events(ReplayIdInvalidEvent.class).get(0).getSource())
				.isSameAs(context.getBean("salesforceStreamingClient"));
		});
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
	static class ObservedApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
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

		final List<Long> handled = new CopyOnWriteArrayList<>();

		final AtomicInteger failuresLeft = new AtomicInteger();

		/** Holds every order event until it opens, to make the listener stuck. */
		volatile CountDownLatch gate = new CountDownLatch(0);

		@SalesforceListener(id = "orders", value = ORDERS)
		void onOrder(PlatformEvent event) throws InterruptedException {
			this.gate.await();
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("Failing on purpose");
			}
			this.handled.add(event.replayId());
		}

		@SalesforceListener(id = "invoices", value = TOPIC)
		void onInvoice(StreamingEvent event) {
			this.handled.add(event.replayId());
		}

	}

	static class Recorder implements ApplicationListener<SalesforceStreamingEvent> {

		final List<SalesforceStreamingEvent> events = new CopyOnWriteArrayList<>();

		final Map<SalesforceStreamingEvent, Instant> receivedAt = new ConcurrentHashMap<>();

		@Override
		public void onApplicationEvent(SalesforceStreamingEvent event) {
			this.receivedAt.put(event, Instant.now());
			this.events.add(event);
		}

		<E extends SalesforceStreamingEvent> List<E> events(Class<E> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

	static class SeededReplayStore implements ReplayStore {

		private final Map<String, Long> ids = new ConcurrentHashMap<>();

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
			this.ids.merge(channel, replayId, Math::max);
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			return Optional.ofNullable(this.ids.get(channel)).map(ReplayPosition::after);
		}

		@Override
		public void reset(String channel) {
			this.ids.remove(channel);
		}

	}

}
