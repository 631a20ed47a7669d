package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code start()} called while a {@code stop()} is still waiting for handlers (as cluster leadership may do):
 * the start waits for the stop, and afterwards every event is handled, one at a time per channel.
 */
class LifecycleRaceTests {

	private static final String CHANNEL = "/topic/Race";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void aStartDuringAStopWaitsForItAndLosesNothing(SalesforceStreamingEmulator emulator) throws Exception {
		CountDownLatch handling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean stuck = new AtomicBoolean(true);
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		EventRecorder recorder = new EventRecorder();
		EventHandler handler = (event) -> {
			maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			try {
				if (stuck.getAndSet(false)) {
					handling.countDown();
					// a handler that ignores interruption and outlives the stop's shutdown timeout
					while (!release.await(50, TimeUnit.MILLISECONDS)) {
						Thread.interrupted();
					}
				}
				recorder.handle(event);
			}
			finally {
				concurrent.decrementAndGet();
			}
		};
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.shutdownTimeout(Duration.ofMillis(500))
			.build()) {
			client.subscribe(CHANNEL, handler);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			List<Long> first = emulator.publish(CHANNEL, 3, "{\"Id\":\"a01\"}");
			assertThat(handling.await(30, TimeUnit.SECONDS)).isTrue();

			CompletableFuture<Void> stop = CompletableFuture.runAsync(client::stop);
			await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.DISCONNECTING);
			CompletableFuture<Void> start = CompletableFuture.runAsync(client::start);
			stop.get(30, TimeUnit.SECONDS);
			start.get(30, TimeUnit.SECONDS);
			client.awaitConnected(Duration.ofSeconds(30));

			List<Long> second = emulator.publish(CHANNEL, 3, "{\"Id\":\"a02\"}");
			release.countDown();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsAll(first).containsAll(second));
			assertThat(maxConcurrent.get()).as("handlers of one channel at once").isEqualTo(1);
		}
	}

}
