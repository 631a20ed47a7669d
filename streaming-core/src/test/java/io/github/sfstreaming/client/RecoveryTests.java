package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * Every fault the emulator offers, with events published before, during and after it: each published replay
 * id must be handled exactly once, in order.
 */
class RecoveryTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final String EVENT = "/event/Order__e";

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC, EVENT)
		.build();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	private final RecordingListener listener = new RecordingListener();

	private final List<Long> topicIds = new ArrayList<>();

	private final List<Long> eventIds = new ArrayList<>();

	private SalesforceStreamingEmulator server;

	private SalesforceStreamingClient client;

	@BeforeEach
	void start(SalesforceStreamingEmulator emulator) {
		this.server = emulator;
		this.client = EmulatorClients.client(emulator).replayStore(this.store).listener(this.listener).build();
		this.client.start();
		this.client.subscribe(TOPIC, this.recorder).block(Duration.ofSeconds(10));
		this.client.subscribe(EVENT, this.recorder).block(Duration.ofSeconds(10));
		this.client.awaitConnected(Duration.ofSeconds(10));
		publishAndAwait();
	}

	@AfterEach
	void stop() {
		this.client.stop();
	}

	private void publish() {
		this.topicIds.addAll(this.server.publish(TOPIC, 3, "{\"Id\":\"a01\"}"));
		this.eventIds.addAll(this.server.publish(EVENT, 3, "{\"Amount__c\":1}"));
	}

	private void awaitAllHandled() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(this.topicIds);
			assertThat(this.recorder.handled(EVENT)).containsExactlyElementsOf(this.eventIds);
		});
	}

	private void publishAndAwait() {
		publish();
		awaitAllHandled();
	}

	/** Publishes right after the fault, while the client recovers, then again once it has. */
	private void survive(Runnable fault, String cause) {
		fault.run();
		publish();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.listener.reconnects).contains(cause));
		publish();
		awaitAllHandled();
		await().untilAsserted(() -> assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED));
		publishAndAwait();
		assertThat(this.client.failure()).isNull();
	}

	@Test
	void unknownClientLeadsToNewHandshakeAndResubscriptionFromStoredIds() {
		long handshakes = this.server.stats().handshakes();
		survive(() -> this.server.faults().dropSessions(), "unknown-client");
		assertThat(this.server.stats().handshakes()).isGreaterThan(handshakes);
		// both channels subscribed again, each from its stored replay id
		assertThat(this.server.stats().subscribes()).anySatisfy((s) -> {
			assertThat(s.channel()).isEqualTo(TOPIC);
			assertThat(s.replayId()).isGreaterThan(0);
		});
	}

	@Test
	void revokedTokenLeadsToNewLogin() {
		long logins = this.server.stats().logins();
		survive(() -> this.server.faults().expireTokens(), "auth");
		assertThat(this.server.stats().logins()).isGreaterThan(logins);
	}

	@Test
	void handshakeDeniedWithFailureReason401LeadsToNewLogin() {
		long logins = this.server.stats().logins();
		survive(() -> {
			this.server.faults().dropSessions();
			this.server.faults().expireTokens();
		}, "auth");
		assertThat(this.server.stats().logins()).isGreaterThan(logins);
	}

	@Test
	void serverSentDisconnectLeadsToReconnect() {
		survive(() -> this.server.faults().serverDisconnect(), "server-disconnect");
	}

	@Test
	void http5xxIsRetriedWithBackoff() {
		survive(() -> this.server.faults().httpError(503, 3), "http-5xx");
	}

	@Test
	void http401LeadsToNewLogin() {
		long logins = this.server.stats().logins();
		survive(() -> this.server.faults().httpError(401, 1), "auth");
		assertThat(this.server.stats().logins()).isGreaterThan(logins);
	}

	@Test
	void tooBusyOnConnectIsRetriedOnTheSameSession() {
		long handshakes = this.server.stats().handshakes();
		survive(() -> this.server.faults().bayeuxError("/meta/connect", TOO_BUSY, 2), "too-busy");
		assertThat(this.server.stats().handshakes()).isEqualTo(handshakes);
	}

	@Test
	void tooBusyOnConnectThatPersistsLeadsToANewSession() {
		long handshakes = this.server.stats().handshakes();
		survive(() -> this.server.faults().bayeuxError("/meta/connect", TOO_BUSY, 5), "too-busy");
		assertThat(this.server.stats().handshakes()).isGreaterThan(handshakes);
	}

	@Test
	void orgLimitOnHandshakeIsRetriedAfterTheLongBackoff() {
		survive(() -> {
			this.server.faults().bayeuxError("/meta/handshake", "403::Organization concurrent user limit exceeded", 2);
			this.server.faults().dropSessions();
		}, "org-limit");
	}

	@Test
	void tooBusyOnSubscribeIsRetried() {
		survive(() -> {
			this.server.faults().bayeuxError("/meta/subscribe", TOO_BUSY, 2);
			this.server.faults().dropSessions();
		}, "unknown-client");
		assertThat(this.client.channels()).allSatisfy((status) -> assertThat(status.subscribed()).isTrue());
	}

	@Test
	void slowServerLosesNothing() {
		this.server.faults().delay(Duration.ofMillis(300), 4);
		publishAndAwait();
	}

	@Test
	void networkErrorLeadsToReconnect() {
		// answers slower than the HTTP response timeout (advice timeout 1 s + margin 5 s) look like a dead network
		survive(() -> this.server.faults().delay(Duration.ofSeconds(7), 1), "network");
	}

	@Test
	void repeatedUnknownClientAfterSuccessfulHandshakeWaits() {
		long start = System.nanoTime();
		this.server.faults().bayeuxError("/meta/connect", "403::Unknown client", 4);
		publish();
		awaitAllHandled();
		await().untilAsserted(() -> assertThat(this.listener.reconnects).hasSize(4));
		// the first new handshake is immediate; each of the next three waits at least half the initial 50 ms
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(75));
		assertThat(this.server.stats().handshakes()).isLessThanOrEqualTo(1 + 4 + 1);
	}

}
