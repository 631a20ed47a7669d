package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay and live delivery never overlap nor leave a gap, however publishing and subscribing interleave.
 */
class ConcurrentReplayTests extends BayeuxTestSupport {

	private static final String CHANNEL = "/data/ChangeEvents";

	private static final int EVENTS = 1500;

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@RepeatedTest(3)
	void subscribingWithMinusTwoWhilePublishingGetsEveryEventOnceInOrder() {
		emulator.publish(CHANNEL, 100, "{}");
		TestClient client = client(emulator.emulator());
		client.handshake();
		CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < EVENTS - 100; i++) {
				emulator.publish(CHANNEL, "{\"Name\":\"n" + i + "\"}");
			}
		});
		assertThat(client.subscribe(CHANNEL, -2L).isSuccessful()).isTrue();
		publisher.join();
		List<Long> expected = LongStream.rangeClosed(1, EVENTS).boxed().toList();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.events(CHANNEL)).hasSizeGreaterThanOrEqualTo(EVENTS));
		assertThat(client.replayIds(CHANNEL)).containsExactlyElementsOf(expected);
		assertThat(emulator.stats().deliveriesTo(client.bayeux().getId())).isEqualTo(EVENTS);
	}

}
