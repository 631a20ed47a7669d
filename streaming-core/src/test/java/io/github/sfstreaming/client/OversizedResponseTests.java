package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code maxMessageSize} bounds each message, not a whole response: a backlog whose first connect reply is far
 * larger drains, and a single message over the limit is set aside as malformed while the channel goes on. It
 * used to be one value: the reply failed, the client handshook again, resubscribed from the same replay id and got
 * the same reply for ever.
 */
class OversizedResponseTests {

	private static final String TOPIC = "/u/Big";

	private static final int LIMIT = 64 * 1024;

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	private final RecordingListener listener = new RecordingListener();

	private final List<String> malformed = new CopyOnWriteArrayList<>();

	private final EventRecorder recorder = new EventRecorder();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private SalesforceStreamingClient client(SalesforceStreamingEmulator emulator) {
		return EmulatorClients.client(emulator)
			.maxMessageSize(LIMIT)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.replayStore(this.store)
			.listener(this.listener)
			.listener(new StreamingClientListener() {
				@Override
				public void eventMalformed(String channel, JsonNode message, String problem) {
					OversizedResponseTests.this.malformed.add(channel + ": " + problem);
				}
			})
			.build();
	}

	@Test
	void backlogLargerThanTheLimitDrains(SalesforceStreamingEmulator emulator) {
		// 40 events of 8 KB: the first connect reply carries about 330 KB, five times the limit
		List<Long> ids = emulator.publish(TOPIC, 40, "x".repeat(8 * 1024));
		try (SalesforceStreamingClient client = client(emulator)) {
			client.start();
			client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
			await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
			await().untilAsserted(() -> assertThat(this.store.snapshot()).containsEntry(TOPIC, ids.get(ids.size() - 1)));
			assertThat(this.listener.reconnects).isEmpty();
			assertThat(this.malformed).isEmpty();
		}
	}

	@Test
	void messageLargerThanTheLimitIsSetAsideAndTheChannelGoesOn(SalesforceStreamingEmulator emulator) {
		List<Long> ids = new ArrayList<>(emulator.publish(TOPIC, 3, "small"));
		long big = emulator.publish(TOPIC, "x".repeat(LIMIT + 1024));
		ids.addAll(emulator.publish(TOPIC, 3, "small"));
		try (SalesforceStreamingClient client = client(emulator)) {
			client.start();
			client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
			await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
			await().untilAsserted(() -> assertThat(this.store.snapshot()).containsEntry(TOPIC, ids.get(ids.size() - 1)));
			assertThat(this.malformed).singleElement()
				.asString()
				.startsWith(TOPIC + ": ")
				.contains("replay id " + big, "larger than maxMessageSize (" + LIMIT + " bytes")
				.contains("salesforce.streaming.max-message-size");
			assertThat(this.listener.reconnects).isEmpty();
			assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
		}
	}

	@Test
	void oversizedMessageAloneIsSetAsideWithoutStoringItsId(SalesforceStreamingEmulator emulator) {
		try (SalesforceStreamingClient client = client(emulator)) {
			client.start();
			client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
			client.awaitConnected(Duration.ofSeconds(10));
			emulator.publish(TOPIC, "x".repeat(100 * 1024));
			await().untilAsserted(() -> assertThat(this.malformed).hasSize(1));
			long next = emulator.publish(TOPIC, "small");
			await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactly(next));
			assertThat(this.listener.reconnects).isEmpty();
			assertThat(this.store.snapshot()).isEqualTo(Map.of(TOPIC, next));
		}
	}

	@Test
	void defaultLimitAcceptsLargeBatches(SalesforceStreamingEmulator emulator) {
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.start();
			client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
			// about 2 MB in one connect reply, far above WebClient's 256 KB default
			var ids = emulator.publish(TOPIC, 20, "x".repeat(100 * 1024));
			await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
		}
	}

}
