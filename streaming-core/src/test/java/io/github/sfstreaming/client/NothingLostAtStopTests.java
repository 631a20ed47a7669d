package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once a subscription is confirmed, no event published after it is lost across a stop and a start, even for a
 * channel that starts from new events (the default) and has had nothing handled, so nothing stored.
 */
class NothingLostAtStopTests {

	private static final String CHANNEL = "/event/Order__e";

	private static final String QUEUED = "/event/Queued__e";

	private static final String REJECTED = "/event/Rejected__e";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL, QUEUED, REJECTED)
		.build();

	@Test
	void eventsPublishedWhileStoppedArriveAfterTheStartAlthoughNothingWasStored(SalesforceStreamingEmulator emulator) {
		InMemoryReplayStore store = new InMemoryReplayStore();
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).replayStore(store).build()) {
			client.subscribe(CHANNEL, recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			client.stop();
			assertThat(store.snapshot()).doesNotContainKey(CHANNEL);

			List<Long> whileStopped = emulator.publish(CHANNEL, 4, "{\"New__c\":true}");
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsExactlyElementsOf(whileStopped));
		}
	}

	@Test
	void eventsReceivedButNotHandledAtAStopArriveAfterTheStart(SalesforceStreamingEmulator emulator) {
		InMemoryReplayStore store = new InMemoryReplayStore();
		CountDownLatch never = new CountDownLatch(1);
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.replayStore(store)
			.shutdownTimeout(Duration.ofMillis(200))
			.build()) {
			EventRecorder received = new EventRecorder();
			client.subscribe(QUEUED, (event) -> {
				received.handle(event);
				never.await(30, TimeUnit.SECONDS); // stuck until the stop interrupts it: nothing is handled
			});
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			List<Long> published = emulator.publish(QUEUED, 5, "{\"N__c\":1}");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(client.channels()).singleElement()
					.satisfies((status) -> assertThat(status.lastReceivedReplayId()).isEqualTo(published.get(4))));
			client.stop();
			assertThat(store.snapshot()).doesNotContainKey(QUEUED);

			EventRecorder recorder = new EventRecorder();
			client.subscribe(QUEUED, recorder);
			client.start();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(QUEUED)).containsExactlyElementsOf(published));
		}
	}

	@Test
	void afterARejectedIdWithPolicyNewEventsTheEventsPublishedSinceSurviveAStop(
			SalesforceStreamingEmulator emulator) {
		List<Long> old = emulator.publish(REJECTED, 3, "{\"N__c\":1}");
		InMemoryReplayStore store = new InMemoryReplayStore();
		store.store(REJECTED, old.get(0), null);
		emulator.faults().trimRetention(0); // the stored id is now outside retention
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.replayStore(store)
			.invalidReplayIdPolicy(InvalidReplayIdPolicy.NEW_EVENTS)
			.build()) {
			client.subscribe(REJECTED, recorder);
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			client.stop();

			List<Long> whileStopped = emulator.publish(REJECTED, 2, "{\"N__c\":2}");
			client.start();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(REJECTED)).containsExactlyElementsOf(whileStopped));
		}
	}

}
