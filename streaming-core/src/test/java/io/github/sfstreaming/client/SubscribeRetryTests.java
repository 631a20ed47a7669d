package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.EmulatorStats;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions Salesforce refuses: where a retry starts, and which refusals are not retried.
 */
class SubscribeRetryTests {

	private static final String TOPIC = "/topic/Retried";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	@AfterEach
	void clearFaults(SalesforceStreamingEmulator emulator) {
		emulator.faults().clear();
	}

	@Test
	void aRetryAfterARejectedIdStartsFromTheStoredIdNotTheFallback(SalesforceStreamingEmulator emulator) {
		List<Long> old = emulator.publish(TOPIC, 20, "{\"Id\":\"a01\"}");
		emulator.faults().trimRetention(10);
		this.store.store(TOPIC, old.get(4), null);
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.replayStore(this.store)
			.invalidReplayIdPolicy(InvalidReplayIdPolicy.NEW_EVENTS)
			.build()) {
			client.subscribe(TOPIC, this.recorder);
			client.start();
			client.awaitConnected(TIMEOUT);
			long handled = emulator.publish(TOPIC, "{\"Id\":\"a02\"}");
			await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(handled)));

			// a new session whose first subscribe is refused as retryable: the retry must not go back to -1
			emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, 1);
			emulator.faults().dropSessions();
			await().untilAsserted(() -> assertThat(subscribes(emulator)).hasSize(4));
			assertThat(subscribes(emulator)).extracting(EmulatorStats.SubscribeStats::replayId)
				.containsExactly(old.get(4), -1L, handled, handled);
			client.awaitConnected(TIMEOUT);
			long next = emulator.publish(TOPIC, "{\"Id\":\"a03\"}");
			await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactly(handled, next));
		}
	}

	@Test
	void aClientErrorOnSubscribeFailsTheChannelWithoutRetrying(SalesforceStreamingEmulator emulator) {
		String error = "400::Query fields {Nope__c} do not exist on the topic entity";
		emulator.faults().bayeuxError("/meta/subscribe", error, 1);
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.start();
			assertThatExceptionOfType(SubscriptionException.class)
				.isThrownBy(() -> client.subscribe(TOPIC, this.recorder).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getBayeuxError()).isEqualTo(error))
				.withMessageContaining(TOPIC);
			client.awaitConnected(TIMEOUT);
			assertThat(subscribes(emulator)).hasSize(1);
		}
	}

	private static List<EmulatorStats.SubscribeStats> subscribes(SalesforceStreamingEmulator emulator) {
		return emulator.stats().subscribes().stream().filter((s) -> s.channel().equals(TOPIC)).toList();
	}

}
