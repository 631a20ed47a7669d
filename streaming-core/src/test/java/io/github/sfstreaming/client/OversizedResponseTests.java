package io.github.sfstreaming.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A response larger than {@code maxMessageSize} is a clear error and a reconnect, not a hang or a crash.
 */
class OversizedResponseTests {

	private static final String TOPIC = "/u/Big";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	@Test
	void oversizedConnectReplyLeadsToReconnectWithBackoff(SalesforceStreamingEmulator emulator) {
		RecordingListener listener = new RecordingListener();
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.maxMessageSize(64 * 1024)
			.listener(listener)
			.build()) {
			client.start();
			client.subscribe(TOPIC, recorder).block(Duration.ofSeconds(10));
			client.awaitConnected(Duration.ofSeconds(10));
			emulator.publish(TOPIC, "x".repeat(100 * 1024));
			await().untilAsserted(() -> assertThat(listener.reconnects).contains("malformed"));
			assertThat(client.failure()).isNull();
			assertThat(client.state()).isNotEqualTo(ClientState.FAILED);
			assertThat(recorder.events()).isEmpty();
		}
	}

	@Test
	void defaultLimitAcceptsLargeBatches(SalesforceStreamingEmulator emulator) {
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.start();
			client.subscribe(TOPIC, recorder).block(Duration.ofSeconds(10));
			// about 2 MB in one connect reply, far above WebClient's 256 KB default
			var ids = emulator.publish(TOPIC, 20, "x".repeat(100 * 1024));
			await().untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
		}
	}

}
