package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.EmulatorFaults;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every fault of the emulator, one after the other without waiting for recovery, with events published after
 * each and a buffer small enough to pause polling: every event is handled once, in order.
 */
class ChaosTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final String CDC = "/data/AccountChangeEvent";

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC, CDC)
		.build();

	@Test
	void noEventIsLostOrRepeatedUnderEveryFault(SalesforceStreamingEmulator emulator) {
		Map<String, Runnable> faults = new LinkedHashMap<>();
		EmulatorFaults f = emulator.faults();
		faults.put("dropSessions", f::dropSessions);
		faults.put("expireTokens", f::expireTokens);
		faults.put("http503", () -> f.httpError(503, 2));
		faults.put("http401", () -> f.httpError(401, 1));
		faults.put("serverDisconnect", f::serverDisconnect);
		faults.put("connectTooBusy", () -> f.bayeuxError("/meta/connect", TOO_BUSY, 2));
		faults.put("subscribeTooBusy", () -> {
			f.bayeuxError("/meta/subscribe", TOO_BUSY, 2);
			f.dropSessions();
		});
		faults.put("handshakeOrgLimit", () -> {
			f.bayeuxError("/meta/handshake", "403::Organization concurrent user limit exceeded", 1);
			f.dropSessions();
		});
		faults.put("delay", () -> f.delay(Duration.ofMillis(200), 3));
		faults.put("dropAndExpire", () -> {
			f.dropSessions();
			f.expireTokens();
		});
		EventRecorder recorder = new EventRecorder();
		RecordingListener listener = new RecordingListener();
		List<Long> topicIds = new ArrayList<>();
		List<Long> cdcIds = new ArrayList<>();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.replayStore(new InMemoryReplayStore())
			.bufferSize(5)
			.listener(listener)
			.build()) {
			client.start();
			client.subscribe(TOPIC, recorder).block(Duration.ofSeconds(10));
			client.subscribe(CDC, recorder).block(Duration.ofSeconds(10));
			// steady state: each channel has a stored replay id to resume from (with nothing stored, a channel
			// resumes from the default NEW_EVENTS, which by definition skips what was published in between)
			topicIds.addAll(emulator.publish(TOPIC, 1, "{\"Id\":\"a00\"}"));
			cdcIds.addAll(emulator.publish(CDC, 1, "{\"Name\":\"Acme\"}"));
			await().untilAsserted(() -> {
				assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(topicIds);
				assertThat(recorder.handled(CDC)).containsExactlyElementsOf(cdcIds);
			});
			for (Runnable fault : faults.values()) {
				fault.run();
				topicIds.addAll(emulator.publish(TOPIC, 10, "{\"Id\":\"a01\"}"));
				cdcIds.addAll(emulator.publish(CDC, 10, "{\"Name\":\"Acme\"}"));
			}
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(topicIds);
				assertThat(recorder.handled(CDC)).containsExactlyElementsOf(cdcIds);
			});
			assertThat(client.failure()).isNull();
			assertThat(listener.reconnects).isNotEmpty();
		}
	}

}
