package io.github.sfstreaming.spring.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;
import io.github.sfstreaming.spring.test.SalesforceStreamingServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on a PostgreSQL container through {@link ServiceConnection @ServiceConnection}, and on the
 * emulator through {@link SalesforceStreamingServiceConnection @SalesforceStreamingServiceConnection}, where
 * Docker is present (skipped otherwise; {@link PostgresEndToEndTests} covers a server named by the
 * environment).
 */
@SpringBootTest(classes = StreamingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=e2e-app", "salesforce.streaming.replay.default=all", "salesforce.streaming.replay.initialize-schema=always" })
@Testcontainers(disabledWithoutDocker = true)
class PostgresServiceConnectionEndToEndTests {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@RegisterExtension
	@SalesforceStreamingServiceConnection
	static final SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels(EventCollector.TOPIC, EventCollector.GENERIC, EventCollector.PLATFORM, EventCollector.CHANGE,
				EventCollector.FLAKY)
		.build();

	@Autowired
	private ReplayStore replayStore;

	@Test
	void eventsAreHandledAndTheirIdsStoredInPostgres() {
		EventCollector.clear();
		assertThat(this.replayStore).isInstanceOf(JdbcReplayStore.class);
		long id = emulator.publish(EventCollector.PLATFORM, "{\"OrderNumber__c\":\"1\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(EventCollector.receivedOn(EventCollector.PLATFORM))
				.extracting(StreamingEvent::replayId)
				.containsExactly(id));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			((JdbcReplayStore) this.replayStore).flush();
			assertThat(this.replayStore.lastReplayId(EventCollector.PLATFORM)).contains(ReplayPosition.after(id));
		});
	}

}
