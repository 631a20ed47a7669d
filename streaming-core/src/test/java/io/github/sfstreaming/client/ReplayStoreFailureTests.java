package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
 * A replay store that fails or is slow while channels are subscribed: the channel is reported as not
 * subscribed, retried with back-off and subscribed once the store answers, nothing lost; and the store is never
 * called on Reactor Netty's event loop.
 */
class ReplayStoreFailureTests {

	private static final String CHANNEL = "/topic/StoreDown";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void aStoreThatFailsWhileSubscribingIsRetriedAndTheChannelReportedNotSubscribed(
			SalesforceStreamingEmulator emulator) {
		FailingStore store = new FailingStore();
		store.failuresLeft.set(Integer.MAX_VALUE);
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).replayStore(store).build()) {
			client.subscribe(CHANNEL, recorder);
			client.start();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(store.reads.get()).isGreaterThan(2));
			assertThat(client.channels()).singleElement().satisfies((status) -> {
				assertThat(status.subscribed()).isFalse();
				assertThat(status.error()).hasMessageContaining("replay store failed")
					.hasMessageContaining("database is down");
			});

			store.failuresLeft.set(0); // the database is back
			client.awaitConnected(Duration.ofSeconds(30));
			assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.subscribed()).isTrue());
			List<Long> ids = emulator.publish(CHANNEL, 3, "{\"Id\":\"a01\"}");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsExactlyElementsOf(ids));
		}
	}

	@Test
	void aChannelWhoseStoreRetryIsDueWhenANewSessionBeginsIsSubscribedInTheNewSession(
			SalesforceStreamingEmulator emulator) {
		FailingStore store = new FailingStore();
		store.failuresLeft.set(Integer.MAX_VALUE);
		EventRecorder recorder = new EventRecorder();
		AtomicInteger connects = new AtomicInteger();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.replayStore(store)
			.listener(new StreamingClientListener() {

				@Override
				public void connected() {
					connects.incrementAndGet();
				}

			})
			.build()) {
			client.subscribe(CHANNEL, recorder);
			client.start();
			await("store read").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(store.reads.get()).isGreaterThan(1));
			await("first connect").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(connects.get()).isPositive());
			int sessions = connects.get();
			emulator.faults().dropSessions(); // a new session begins while the store is still down
			await("a new session").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(connects.get()).isGreaterThan(sessions));
			int readsInNewSession = store.reads.get();
			await("store read in the new session").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(store.reads.get()).isGreaterThan(readsInNewSession));

			store.failuresLeft.set(0);
			client.awaitConnected(Duration.ofSeconds(30));
			List<Long> ids = emulator.publish(CHANNEL, 2, "{\"Id\":\"a03\"}");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsAll(ids));
		}
	}

	@Test
	void theStoreIsNeverCalledOnAnEventLoopThread(SalesforceStreamingEmulator emulator) {
		FailingStore store = new FailingStore();
		List<Long> old = emulator.publish(CHANNEL, 2, "{\"Id\":\"a01\"}");
		store.store(CHANNEL, old.get(0), null);
		emulator.faults().trimRetention(0); // a rejected id makes the client reset the store, too
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).replayStore(store).build()) {
			client.subscribe(CHANNEL, recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			emulator.faults().dropSessions(); // and subscribes again on a new session
			List<Long> ids = emulator.publish(CHANNEL, 3, "{\"Id\":\"a02\"}");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsAll(ids));
		}
		assertThat(store.resets.get()).isPositive();
		assertThat(store.threads).isNotEmpty()
			.noneMatch((name) -> name.contains("reactor-http") || name.contains("nio") || name.contains("epoll"))
			.noneMatch((name) -> name.startsWith("sf-streaming-session"));
	}

	/** A store that fails its reads while asked to, and records the threads that call it. */
	static final class FailingStore implements ReplayStore {

		final InMemoryReplayStore delegate = new InMemoryReplayStore();

		final AtomicInteger failuresLeft = new AtomicInteger();

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger resets = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		private void called() {
			this.threads.add(Thread.currentThread().getName());
		}

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
			this.delegate.store(channel, replayId, eventTime);
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			called();
			this.reads.incrementAndGet();
			if (this.failuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new IllegalStateException("database is down");
			}
			return this.delegate.lastReplayId(channel);
		}

		@Override
		public void storeStart(String channel, Instant time) {
			called();
			this.delegate.storeStart(channel, time);
		}

		@Override
		public Optional<Instant> startOf(String channel) {
			called();
			return this.delegate.startOf(channel);
		}

		@Override
		public void reset(String channel) {
			called();
			this.resets.incrementAndGet();
			this.delegate.reset(channel);
		}

	}

}
