package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow handler neither delays polling nor grows memory: the buffer is bounded, polling pauses when it is
 * full and resumes without losing or repeating an event.
 */
class FlowControlTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final String OTHER = "/event/Order__e";

	private static final int BUFFER = 10;

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC, OTHER)
		.build();

	private final CountDownLatch gate = new CountDownLatch(1);

	private final EventRecorder recorder = new EventRecorder();

	private final RecordingListener listener = new RecordingListener();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private SalesforceStreamingClient client;

	private SalesforceStreamingEmulator server;

	@BeforeEach
	void start(SalesforceStreamingEmulator emulator) {
		this.server = emulator;
		this.client = EmulatorClients.client(emulator)
			.bufferSize(BUFFER)
			.handlerConcurrency(2)
			.replayStore(this.store)
			.listener(this.listener)
			.build();
		this.client.start();
		this.client.subscribe(TOPIC, (event) -> {
			this.gate.await(30, TimeUnit.SECONDS);
			this.recorder.handle(event);
		}).block(Duration.ofSeconds(10));
		this.client.awaitConnected(Duration.ofSeconds(10));
	}

	@AfterEach
	void stop() {
		this.gate.countDown();
		this.client.stop();
	}

	/** Publishes in small steps until the client holds a full buffer. */
	private List<Long> fillTheBuffer() {
		List<Long> ids = new ArrayList<>();
		while (this.listener.received.size() < BUFFER) {
			int before = this.listener.received.size();
			ids.addAll(this.server.publish(TOPIC, 5, "{\"Id\":\"a01\"}"));
			await().until(() -> this.listener.received.size() >= before + 5);
		}
		return ids;
	}

	@Test
	void slowHandlerDoesNotDelayOtherChannelsOrPolling() {
		EventRecorder other = new EventRecorder();
		this.client.subscribe(OTHER, other).block(Duration.ofSeconds(10));
		this.server.publish(TOPIC, "{\"Id\":\"a01\"}");
		long connects = this.server.stats().connects();
		List<Long> ids = this.server.publish(OTHER, 3, "{\"Amount__c\":1}");
		await().untilAsserted(() -> assertThat(other.handled(OTHER)).containsExactlyElementsOf(ids));
		await().until(() -> this.server.stats().connects() > connects + 1);
		assertThat(this.recorder.handled(TOPIC)).isEmpty();
	}

	@Test
	void fullBufferPausesPollingAndResumesWithoutLoss() {
		List<Long> ids = fillTheBuffer();
		long connects = this.server.stats().connects();
		int received = this.listener.received.size();
		ids.addAll(this.server.publish(TOPIC, 20, "{\"Id\":\"a02\"}"));
		// paused: no connect goes out, so nothing more is received (the long poll is 1 s); both counts only grow,
		// so a generous atMost (for a slow first check) cannot let a resumed poll pass
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
			.until(() -> this.server.stats().connects() <= connects + 1 && this.listener.received.size() == received);
		assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
	}

	@Test
	void sessionDroppedWhilePausedResumesFromTheReplayStoreAndDropsRedeliveries() {
		List<Long> ids = fillTheBuffer();
		ids.addAll(this.server.publish(TOPIC, 20, "{\"Id\":\"a02\"}"));
		// what Salesforce does to a client that stays away more than 40 s
		this.server.faults().dropSessions();
		this.gate.countDown();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
		assertThat(this.listener.reconnects).contains("unknown-client");
		List<Long> more = this.server.publish(TOPIC, 3, "{\"Id\":\"a03\"}");
		ids.addAll(more);
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
	}

}
