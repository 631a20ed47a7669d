package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link SalesforceStreamingClient#awaitConnected(Duration)} returns once the subscriptions are in place, so
 * that an event published right after it reaches a channel that starts from new events.
 */
class AwaitConnectedTests {

	private static final String TOPIC = "/topic/Await";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	@AfterEach
	void clearFaults(SalesforceStreamingEmulator emulator) {
		emulator.faults().clear();
	}

	@Test
	void waitsForSubscriptionsThatAreStillBeingRetried(SalesforceStreamingEmulator emulator) {
		// the first subscribes are refused as retryable: the connect succeeds long before the subscription does
		emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, 3);
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe(TOPIC, recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.subscribed()).isTrue());
			// the channel starts from new events: this one is received only if the subscription was in place
			long id = emulator.publish(TOPIC, "{\"Id\":\"x\"}");
			await().untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactly(id));
		}
	}

	@Test
	void timesOutNamingTheChannelStillWaiting(SalesforceStreamingEmulator emulator) {
		emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, Integer.MAX_VALUE);
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe(TOPIC, new EventRecorder());
			client.start();
			// the short timeout below must run out on the subscription, not on a login or handshake slowed down
			// by a loaded machine (that would be a NotConnectedException without a channel)
			await().atMost(Duration.ofSeconds(30)).until(() -> client.state() == ClientState.CONNECTED);
			assertThatExceptionOfType(NotConnectedException.class)
				.isThrownBy(() -> client.awaitConnected(Duration.ofSeconds(1)))
				.withMessageContaining(TOPIC)
				.satisfies((ex) -> {
					assertThat(ex.getChannel()).isEqualTo(TOPIC);
					assertThat(ex.isRetryable()).isTrue();
				});
			assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
		}
	}

	@Test
	void aStopWhileWaitingEndsTheWaitWithAnError(SalesforceStreamingEmulator emulator) {
		emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, Integer.MAX_VALUE);
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe(TOPIC, new EventRecorder());
			client.start();
			CompletableFuture<Void> waiting = CompletableFuture
				.runAsync(() -> client.awaitConnected(Duration.ofMinutes(5)));
			await().until(() -> client.state() == ClientState.CONNECTED);
			client.stop();
			// well before the five minutes: the stop ends the wait, and not as a success
			await().until(waiting::isDone);
			assertThat(waiting).isCompletedExceptionally();
			assertThatExceptionOfType(CompletionException.class).isThrownBy(waiting::join)
				.havingCause()
				.isInstanceOf(StreamingException.class)
				.withMessageContaining("stopped");
		}
	}

	@Test
	void aChannelLeftWaitingByAStopCanBeSubscribedAgain(SalesforceStreamingEmulator emulator) {
		emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, Integer.MAX_VALUE);
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			Mono<Void> first = client.subscribe(TOPIC, recorder);
			client.start();
			await().until(() -> client.state() == ClientState.CONNECTED);
			client.stop();
			assertThatExceptionOfType(StreamingException.class).isThrownBy(() -> first.block(TIMEOUT));
			emulator.faults().clear();
			Mono<Void> again = client.subscribe(TOPIC, recorder);
			client.start();
			again.block(TIMEOUT); // a new outcome, not the one the stop ended
			long id = emulator.publish(TOPIC, "{\"Id\":\"x\"}");
			await().untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactly(id));
		}
	}

	@Test
	void aRefusedChannelDoesNotHoldItUp(SalesforceStreamingEmulator emulator) {
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe("/topic/DoesNotExist", new EventRecorder());
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.error()).isInstanceOf(SubscriptionException.class));
		}
	}

}
