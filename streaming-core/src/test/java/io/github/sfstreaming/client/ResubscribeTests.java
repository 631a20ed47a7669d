package io.github.sfstreaming.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unsubscribing and subscribing the same channel again at once leaves it subscribed.
 */
class ResubscribeTests {

	private static final String TOPIC = "/topic/Again";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(20))
		.channels(TOPIC)
		.build();

	@Test
	void unsubscribeThenSubscribeAtOnceKeepsTheChannelSubscribed(SalesforceStreamingEmulator emulator) {
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe(TOPIC, recorder);
			client.start();
			client.awaitConnected(TIMEOUT);
			// Once the second connect is held, the next request is the unsubscribe: slowed down, a subscribe sent
			// at once would overtake it, be answered "already subscribed", and then be undone by it.
			await().until(() -> emulator.stats().connects() >= 2);
			emulator.faults().delay(Duration.ofMillis(500), 1);
			Mono<Void> unsubscribed = client.unsubscribe(TOPIC);
			client.subscribe(TOPIC, recorder).block(TIMEOUT);
			unsubscribed.block(TIMEOUT);
			assertThat(emulator.stats().channel(TOPIC).subscribers()).hasSize(1);
			long id = emulator.publish(TOPIC, "{\"Id\":\"x\"}");
			await().untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactly(id));
		}
	}

}
