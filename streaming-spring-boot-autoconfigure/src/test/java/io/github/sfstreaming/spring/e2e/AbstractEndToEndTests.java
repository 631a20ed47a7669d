package io.github.sfstreaming.spring.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of an application with the auto-configuration and {@code @SalesforceListener} methods
 * against the emulator, with the JDBC replay store on the database of the subclass.
 */
abstract class AbstractEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private SalesforceStreamingEmulator emulator;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/** Returns the {@code spring.datasource.*} and replay store properties of the database. */
	protected abstract String[] databaseProperties();

	/** Returns the table of the replay store. */
	protected abstract String tableName();

	/** Returns a data source on the database, to check the table from outside the application. */
	protected abstract DataSource dataSource();

	@BeforeEach
	void startEmulator() {
		EventCollector.clear();
		StreamingTestApplication.recovered.clear();
		this.emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels(EventCollector.TOPIC, EventCollector.GENERIC, EventCollector.PLATFORM, EventCollector.CHANGE,
					EventCollector.FLAKY)
			.build()
			.start();
	}

	@AfterEach
	void stop() {
		try {
			this.contexts.forEach(ConfigurableApplicationContext::close);
			this.emulator.close();
		}
		finally {
			afterApplicationsStopped();
		}
	}

	/** Cleans up after the applications and the emulator stopped. */
	protected void afterApplicationsStopped() {
	}

	private ConfigurableApplicationContext startApplication(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("spring.application.name=e2e-app",
				"salesforce.streaming.replay.default=all", "salesforce.streaming.backoff.initial=100ms",
				"salesforce.streaming.backoff.max=1s", "salesforce.streaming.listener.retry.initial-interval=50ms",
				"salesforce.streaming.listener.retry.max-interval=100ms", "salesforce.streaming.shutdown-timeout=10s"));
		properties.addAll(List.of(databaseProperties()));
		properties.addAll(List.of(extraProperties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamingTestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(this.emulator))
			.properties(properties.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		assertThat(context.getBean(SalesforceStreamingLifecycle.class).isRunning()).isTrue();
		return context;
	}

	private Optional<Long> storedReplayId(String channel) {
		List<Long> ids = new JdbcTemplate(dataSource()).queryForList(
				"SELECT replay_id FROM " + tableName() + " WHERE consumer_id = 'e2e-app' AND channel = ?", Long.class,
				channel);
		return ids.stream().findFirst();
	}

	private static List<Long> replayIds(List<StreamingEvent> events) {
		return events.stream().map(StreamingEvent::replayId).toList();
	}

	@Test
	void listenersReceiveEveryKindOfChannelAndResumeAfterARestart() {
		ConfigurableApplicationContext first = startApplication();
		assertThat(first.getBean(ReplayStore.class)).isInstanceOf(JdbcReplayStore.class);
		long topicId = this.emulator.publish(EventCollector.TOPIC, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
		long genericId = this.emulator.publish(EventCollector.GENERIC, "\"hello\"");
		long platformId = this.emulator.publish(EventCollector.PLATFORM, "{\"OrderNumber__c\":\"42\"}");
		long changeId = this.emulator.publish(EventCollector.CHANGE, "{\"Name\":\"Acme\"}");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(EventCollector.received).hasSize(4));
		assertThat(EventCollector.receivedOn(EventCollector.TOPIC)).singleElement()
			.isInstanceOf(PushTopicEvent.class)
			.extracting(StreamingEvent::replayId)
			.isEqualTo(topicId);
		assertThat(EventCollector.receivedOn(EventCollector.GENERIC)).singleElement()
			.isInstanceOf(GenericEvent.class)
			.extracting(StreamingEvent::replayId)
			.isEqualTo(genericId);
		assertThat(EventCollector.receivedOn(EventCollector.PLATFORM)).singleElement()
			.isInstanceOf(PlatformEvent.class)
			.extracting(StreamingEvent::replayId)
			.isEqualTo(platformId);
		assertThat(EventCollector.receivedOn(EventCollector.CHANGE)).singleElement()
			.isInstanceOf(ChangeEvent.class)
			.extracting(StreamingEvent::replayId)
			.isEqualTo(changeId);

		first.close();
		assertThat(storedReplayId(EventCollector.TOPIC)).contains(topicId);
		assertThat(storedReplayId(EventCollector.GENERIC)).contains(genericId);
		assertThat(storedReplayId(EventCollector.PLATFORM)).contains(platformId);
		assertThat(storedReplayId(EventCollector.CHANGE)).contains(changeId);

		List<Long> whileDown = this.emulator.publish(EventCollector.TOPIC, 2, "{\"Id\":\"a02\",\"Name\":\"INV-2\"}");
		EventCollector.received.clear();
		startApplication();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(EventCollector.receivedOn(EventCollector.TOPIC)).hasSize(2));
		long marker = this.emulator.publish(EventCollector.TOPIC, "{\"Id\":\"a03\",\"Name\":\"INV-3\"}");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(EventCollector.receivedOn(EventCollector.TOPIC)).hasSize(3));
		List<Long> expected = new ArrayList<>(whileDown);
		expected.add(marker);
		assertThat(replayIds(EventCollector.receivedOn(EventCollector.TOPIC))).isEqualTo(expected);
		assertThat(EventCollector.receivedOn(EventCollector.PLATFORM)).isEmpty();
	}

	@Test
	void failingListenerIsRetriedAndItsIdStoredOnlyAfterSuccess() {
		EventCollector.flakyFailures = 2;
		startApplication("salesforce.streaming.listener.retry.max-attempts=3",
				"salesforce.streaming.replay.flush-interval=0s");
		long id = this.emulator.publish(EventCollector.FLAKY, "{\"OrderNumber__c\":\"7\"}");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(EventCollector.receivedOn(EventCollector.FLAKY))
			.extracting(StreamingEvent::replayId)
			.containsExactly(id));
		assertThat(EventCollector.flakyAttempts).hasValue(3);
		assertThat(EventCollector.storedDuringFlakyAttempts).containsExactly("none", "none", "none");
		assertThat(StreamingTestApplication.recovered).isEmpty();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(storedReplayId(EventCollector.FLAKY)).contains(id));
	}

	@Test
	void listenerThatKeepsFailingIsRecoveredThenItsIdStored() {
		EventCollector.flakyFailures = -1;
		startApplication("salesforce.streaming.listener.retry.max-attempts=2",
				"salesforce.streaming.replay.flush-interval=0s");
		long id = this.emulator.publish(EventCollector.FLAKY, "{\"OrderNumber__c\":\"8\"}");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(StreamingTestApplication.recovered)
			.extracting(StreamingEvent::replayId)
			.containsExactly(id));
		assertThat(EventCollector.flakyAttempts).hasValue(2);
		assertThat(EventCollector.storedDuringFlakyAttempts).containsExactly("none", "none");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(storedReplayId(EventCollector.FLAKY)).contains(id));
	}

}
