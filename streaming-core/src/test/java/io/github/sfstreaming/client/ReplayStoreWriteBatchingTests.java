package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of events costs the replay store one write per handled batch, not one per event, and the last
 * handled id is always stored.
 */
class ReplayStoreWriteBatchingTests {

	private static final String CHANNEL = "/topic/Burst";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void aBurstIsStoredOncePerBatch(SalesforceStreamingEmulator emulator) throws Exception {
		CountingReplayStore store = new CountingReplayStore();
		EventRecorder recorder = new EventRecorder();
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger seen = new AtomicInteger();
		EventHandler handler = (event) -> {
			recorder.handle(event);
			if (seen.incrementAndGet() == 1) {
				release.await(30, TimeUnit.SECONDS); // let the rest of the burst queue up behind the first
			}
		};
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).replayStore(store).build()) {
			client.subscribe(CHANNEL, handler);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			List<Long> ids = emulator.publish(CHANNEL, 320, "{\"Id\":\"a01\"}");
			await().untilAsserted(() -> assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.lastReceivedReplayId()).isEqualTo(ids.get(319))));
			release.countDown();

			await().untilAsserted(() -> assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(ids.get(319))));
			assertThat(recorder.handled(CHANNEL)).containsExactlyElementsOf(ids);
			// 320 events in batches of at most 32: about ten writes, far fewer than one per event
			assertThat(store.writes.get()).isLessThanOrEqualTo(320 / 10);
		}
	}

	@Test
	void aCleanStopFlushesTheStoreAfterTheLastEventWasHandled(SalesforceStreamingEmulator emulator) {
		CountingReplayStore store = new CountingReplayStore();
		EventRecorder recorder = new EventRecorder();
		SalesforceStreamingClient client = EmulatorClients.client(emulator).replayStore(store).build();
		client.subscribe(CHANNEL, recorder);
		client.start();
		client.awaitConnected(Duration.ofSeconds(10));
		List<Long> ids = emulator.publish(CHANNEL, 3, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsExactlyElementsOf(ids));
		assertThat(store.flushedAt).hasValue(-1);
		client.stop();
		assertThat(store.flushedAt).hasValue(ids.get(2));
	}

	static final class CountingReplayStore implements ReplayStore {

		private final ReplayStore delegate = new InMemoryReplayStore();

		final AtomicInteger writes = new AtomicInteger();

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
			this.writes.incrementAndGet();
			this.delegate.store(channel, replayId, eventTime);
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			return this.delegate.lastReplayId(channel);
		}

		/** The channel's stored id when {@code flush} was last called, or -1. */
		final AtomicLong flushedAt = new AtomicLong(-1);

		@Override
		public void flush() {
			this.flushedAt.set(lastReplayId(CHANNEL).map(ReplayPosition::value).orElse(-1L));
		}

	}

}
