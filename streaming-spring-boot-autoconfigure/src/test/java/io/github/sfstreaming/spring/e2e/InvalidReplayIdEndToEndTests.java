package io.github.sfstreaming.spring.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.client.InvalidReplayIdException;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code salesforce.streaming.replay.on-invalid-id} decides what a stored replay id that Salesforce no longer
 * retains does at start-up.
 */
class InvalidReplayIdEndToEndTests {

	private static final String CHANNEL = "/event/Expired__e";

	private static final List<Long> handled = new CopyOnWriteArrayList<>();

	/** The application's replay store, holding an id older than the emulator retains. */
	private static final InMemoryReplayStore store = new InMemoryReplayStore();

	private SalesforceStreamingEmulator emulator;

	private List<Long> published;

	@BeforeEach
	void publishAndExpire() {
		handled.clear();
		store.reset(CHANNEL);
		this.emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels(CHANNEL)
			.build()
			.start();
		this.published = this.emulator.publish(CHANNEL, 10, "{\"Step__c\":\"1\"}");
		this.emulator.faults().trimRetention(5);
		store.store(CHANNEL, this.published.get(1), null);
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void failStopsTheStartNamingTheChannelAndTheId() {
		assertThatException().isThrownBy(() -> run("fail").close())
			.havingRootCause()
			.isInstanceOf(InvalidReplayIdException.class)
			.withMessageContaining(CHANNEL)
			.withMessageContaining(String.valueOf(this.published.get(1)));
		assertThat(handled).isEmpty();
	}

	@Test
	void allReplaysEveryRetainedEvent() {
		try (ConfigurableApplicationContext context = run("all")) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(handled).containsExactlyElementsOf(this.published.subList(5, 10)));
		}
	}

	@Test
	void newSkipsToNewEvents() {
		try (ConfigurableApplicationContext context = run("new")) {
			long fresh = this.emulator.publish(CHANNEL, "{\"Step__c\":\"2\"}");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handled).containsExactly(fresh));
		}
	}

	private ConfigurableApplicationContext run(String onInvalidId) {
		return new SpringApplicationBuilder(ExpiredApplication.class).web(WebApplicationType.NONE)
			.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(this.emulator))
			.properties("salesforce.streaming.replay.on-invalid-id=" + onInvalidId)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ExpiredApplication {

		@Bean
		ReplayStore replayStore() {
			return store;
		}

		@Bean
		ExpiredListener expiredListener() {
			return new ExpiredListener();
		}

	}

	static class ExpiredListener {

		@SalesforceListener(CHANNEL)
		void onEvent(StreamingEvent event) {
			handled.add(event.replayId());
		}

	}

}
