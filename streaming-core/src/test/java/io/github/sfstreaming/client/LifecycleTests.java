package io.github.sfstreaming.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Start, stop and subscriptions from many threads.
 */
class LifecycleTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels("/topic/A", "/topic/B", "/topic/C", "/topic/D")
		.build();

	@Test
	void subscriptionsFromManyThreadsBeforeAndAfterStart(SalesforceStreamingEmulator emulator) throws Exception {
		EventRecorder recorder = new EventRecorder();
		List<String> channels = List.of("/topic/A", "/topic/B", "/topic/C", "/topic/D");
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			CyclicBarrier barrier = new CyclicBarrier(channels.size() + 1);
			List<CompletableFuture<Void>> calls = new ArrayList<>();
			for (String channel : channels) {
				calls.add(CompletableFuture.runAsync(() -> {
					try {
						barrier.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					client.subscribe(channel, recorder);
				}));
			}
			barrier.await();
			client.start();
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
			await().untilAsserted(() -> assertThat(client.channels()).hasSize(4)
				.allSatisfy((status) -> assertThat(status.subscribed()).isTrue()));
			// each channel subscribed exactly once
			assertThat(emulator.stats().subscribes()).extracting((s) -> s.channel())
				.containsExactlyInAnyOrderElementsOf(channels);
			for (String channel : channels) {
				long id = emulator.publish(channel, "{\"Id\":\"x\"}");
				await().untilAsserted(() -> assertThat(recorder.handled(channel)).containsExactly(id));
			}
		}
	}

	@Test
	void stopDuringBackoffIsPrompt() {
		// nothing listens on port 1: the client keeps retrying with a long back-off
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("token", URI.create("http://127.0.0.1:1")))
			.backoff(Duration.ofMinutes(5), Duration.ofMinutes(5))
			.build();
		client.start();
		await().until(() -> client.state() == ClientState.RECONNECTING);
		assertThatExceptionOfType(StreamingException.class)
			.isThrownBy(() -> client.awaitConnected(Duration.ofMillis(100)))
			.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		long start = System.nanoTime();
		client.stop();
		assertThat(client.state()).isEqualTo(ClientState.STOPPED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void handlerMayStopTheClient(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = EmulatorClients.client(emulator).shutdownTimeout(Duration.ofMinutes(1)).build();
		AtomicReference<SalesforceStreamingClient> self = new AtomicReference<>(client);
		client.start();
		client.subscribe("/topic/A", (event) -> self.get().stop()).block(Duration.ofSeconds(10));
		emulator.publish("/topic/A", "{\"Id\":\"x\"}");
		// well within the one-minute shutdown timeout the handler would wait for itself
		await().atMost(Duration.ofSeconds(20)).until(() -> client.state() == ClientState.STOPPED);
	}

	@Test
	void tokenForAPlainHttpRemoteInstanceIsNeverSent() {
		TokenProvider insecure = new TokenProvider() {

			@Override
			public Mono<AccessToken> token() {
				return Mono.just(new AccessToken("secret-token", URI.create("http://insecure.example.com")));
			}

			@Override
			public Mono<AccessToken> refresh(AccessToken rejected) {
				return token();
			}

		};
		try (SalesforceStreamingClient client = SalesforceStreamingClient.builder().tokenProvider(insecure).build()) {
			client.start();
			assertThatExceptionOfType(StreamingException.class)
				.isThrownBy(() -> client.awaitConnected(Duration.ofSeconds(10)))
				.withMessageContaining("must use https");
			assertThat(client.state()).isEqualTo(ClientState.FAILED);
		}
	}

	@Test
	void restartAfterStop(SalesforceStreamingEmulator emulator) {
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe("/topic/A", recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			client.stop();
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			await().untilAsserted(() -> assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.subscribed()).isTrue()));
			long id = emulator.publish("/topic/A", "{\"Id\":\"x\"}");
			await().untilAsserted(() -> assertThat(recorder.handled("/topic/A")).containsExactly(id));
		}
	}

	@Test
	void eventsDroppedByStopAreHandledAfterRestart(SalesforceStreamingEmulator emulator) throws Exception {
		EventRecorder recorder = new EventRecorder();
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		AtomicBoolean blockFirst = new AtomicBoolean(true);
		EventHandler handler = (event) -> {
			recorder.handle(event);
			if (blockFirst.getAndSet(false)) {
				inHandler.countDown();
				never.await(); // until stop() gives up waiting and interrupts it: not handled, not stored
			}
		};
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.shutdownTimeout(Duration.ofMillis(500))
			.build()) {
			client.subscribe("/topic/B", handler);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			List<Long> ids = emulator.publish("/topic/B", 5, "{\"Id\":\"x\"}");
			assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();
			await().untilAsserted(() -> assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.lastReceivedReplayId()).isEqualTo(ids.get(4))));
			// four events wait behind the blocked one; stop drops them without storing their ids
			client.stop();
			assertThat(recorder.handled("/topic/B")).containsExactly(ids.get(0));

			client.start();
			await().untilAsserted(() -> assertThat(recorder.handled("/topic/B")).endsWith(ids.toArray(Long[]::new)));
			assertThat(recorder.handled("/topic/B")).hasSize(6);
		}
	}

	@Test
	void anInstanceUrlWithATrailingSlashStillReachesCometd(SalesforceStreamingEmulator emulator) {
		AccessToken login = EmulatorClients.tokens(emulator).token().block(Duration.ofSeconds(10));
		AccessToken withSlash = new AccessToken(login.value(), URI.create(login.instanceUrl() + "/"));
		TokenProvider tokens = new TokenProvider() {

			@Override
			public Mono<AccessToken> token() {
				return Mono.just(withSlash);
			}

			@Override
			public Mono<AccessToken> refresh(AccessToken rejected) {
				return Mono.just(withSlash);
			}

		};
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).tokenProvider(tokens).build()) {
			client.subscribe("/topic/C", recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			long id = emulator.publish("/topic/C", "{\"Id\":\"x\"}");
			await().untilAsserted(() -> assertThat(recorder.handled("/topic/C")).containsExactly(id));
		}
	}

}
