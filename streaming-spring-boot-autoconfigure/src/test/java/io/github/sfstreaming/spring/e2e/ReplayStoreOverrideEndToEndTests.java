package io.github.sfstreaming.spring.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application's own {@link ReplayStore} bean replaces the JDBC store, even with a DataSource present, and
 * the client resumes from it.
 */
class ReplayStoreOverrideEndToEndTests {

	@Test
	void applicationsReplayStoreIsUsed() {
		MapReplayStore.ids.clear();
		EventCollector.clear();
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels(EventCollector.TOPIC, EventCollector.GENERIC, EventCollector.PLATFORM, EventCollector.CHANGE,
					EventCollector.FLAKY)
			.build()
			.start()) {
			long first = emulator.publish(EventCollector.TOPIC, "{\"Id\":\"a01\"}");
			long second = emulator.publish(EventCollector.TOPIC, "{\"Id\":\"a02\"}");
			MapReplayStore.ids.put(EventCollector.TOPIC, first);
			String url = "jdbc:h2:mem:override-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OverrideApplication.class)
				.web(WebApplicationType.NONE)
				.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(emulator))
				.properties("salesforce.streaming.replay.default=all", "spring.datasource.url=" + url)
				.run()) {
				assertThat(context.getBean(ReplayStore.class)).isInstanceOf(MapReplayStore.class);
				assertThat(context.getBeansOfType(JdbcReplayStore.class)).isEmpty();
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(MapReplayStore.ids).containsEntry(EventCollector.TOPIC, second));
				assertThat(EventCollector.receivedOn(EventCollector.TOPIC)).singleElement()
					.satisfies((event) -> assertThat(event.replayId()).isEqualTo(second));
				Integer tables = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
						"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SF_STREAMING_REPLAY'",
						Integer.class);
				assertThat(tables).isZero();
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OverrideApplication {

		@Bean
		EventCollector eventCollector(ReplayStore replayStore) {
			return new EventCollector(replayStore);
		}

		@Bean
		MapReplayStore mapReplayStore() {
			return new MapReplayStore();
		}

	}

	/** A user's replay store: a map that outlives the context. */
	static class MapReplayStore implements ReplayStore {

		static final Map<String, Long> ids = new ConcurrentHashMap<>();

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
			ids.merge(channel, replayId, Math::max);
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			return Optional.ofNullable(ids.get(channel)).map(ReplayPosition::after);
		}

	}

}
