package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's main path against the emulator: subscribe, receive, store after handling, stop.
 */
class SalesforceStreamingClientTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(2))
		.channels(TOPIC, "/event/Order__e")
		.build();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	private SalesforceStreamingClient client;

	@BeforeEach
	void setUp(SalesforceStreamingEmulator emulator) {
		this.client = EmulatorClients.client(emulator).replayStore(this.store).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void receivesEventsInOrderAndStoresTheirIdsAfterHandling(SalesforceStreamingEmulator emulator) {
		this.client.subscribe(TOPIC, this.recorder);
		this.client.start();
		this.client.awaitConnected(Duration.ofSeconds(10));
		await().untilAsserted(() -> assertThat(this.client.channels()).singleElement()
			.satisfies((status) -> assertThat(status.subscribed()).isTrue()));
		List<Long> ids = emulator.publish(TOPIC, 20, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC))
			.contains(ReplayPosition.after(ids.get(ids.size() - 1))));
		assertThat(this.recorder.events().get(0)).isInstanceOfSatisfying(PushTopicEvent.class, (event) -> {
			assertThat(event.sobject().path("Name").asString()).isEqualTo("INV-1");
			assertThat(event.createdDate()).isNotNull();
		});
	}

	@Test
	void subscribeMonoCompletesWhenConfirmed() {
		this.client.start();
		this.client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
		assertThat(this.client.channels()).singleElement()
			.satisfies((status) -> assertThat(status.subscribed()).isTrue());
		this.client.awaitConnected(Duration.ofSeconds(10));
		assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
		assertThat(this.client.lastConnectTime()).isNotNull();
	}

	@Test
	void stopCancelsTheLongPollAndCompletesTheStreams() throws Exception {
		// a server that holds connects for 60 s: stop must not wait for the poll to end
		SalesforceStreamingEmulator slowServer = SalesforceStreamingEmulator.builder()
			.longPollTimeout(Duration.ofSeconds(60))
			.channels(TOPIC)
			.build()
			.start();
		SalesforceStreamingClient slowPoll = EmulatorClients.client(slowServer).build();
		try (slowServer; slowPoll) {
			slowPoll.start();
			slowPoll.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
			slowPoll.awaitConnected(Duration.ofSeconds(10));
			// wait until the held connect is in flight
			await().until(() -> slowServer.stats().connects() >= 2);
			long start = System.nanoTime();
			var completed = new java.util.concurrent.atomic.AtomicBoolean();
			slowPoll.events().doOnComplete(() -> completed.set(true)).subscribe();
			slowPoll.stop();
			assertThat(slowPoll.state()).isEqualTo(ClientState.STOPPED);
			assertThat(slowPoll.isRunning()).isFalse();
			assertThat(completed).isTrue();
			// generous bound: well below the 60 s long poll
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			await().untilAsserted(() -> assertThat(slowServer.stats().sessions()).isEmpty());
		}
	}

	@Test
	void resumesFromTheStoredReplayIdAfterARestart(SalesforceStreamingEmulator emulator) {
		this.client.start();
		this.client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
		List<Long> first = emulator.publish(TOPIC, 5, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(first));
		this.client.stop();
		List<Long> whileStopped = emulator.publish(TOPIC, 5, "{\"Id\":\"a02\"}");
		EventRecorder second = new EventRecorder();
		try (SalesforceStreamingClient restarted = EmulatorClients.client(emulator).replayStore(this.store).build()) {
			restarted.subscribe(TOPIC, second);
			restarted.start();
			await().untilAsserted(() -> assertThat(second.handled(TOPIC)).containsExactlyElementsOf(whileStopped));
		}
		assertThat(Optional.of(emulator.stats().subscribes().get(emulator.stats().subscribes().size() - 1)))
			.hasValueSatisfying((s) -> assertThat(s.replayId()).isEqualTo(first.get(first.size() - 1)));
	}

}
