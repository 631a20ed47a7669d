package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against a server that puts events in any reply (CometD's default, not Salesforce's): a replayed backlog
 * may be split between the subscribe reply and a connect reply, processed in either order. Nothing may be
 * lost or handled twice.
 */
class AnyReplyDeliveryTests {

	private static final String CHANNEL = "/event/Backlog__e";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.customize((builder) -> builder.eventsOnlyOnConnect(false))
		.build();

	@RepeatedTest(3)
	void aBacklogSplitAcrossRepliesIsHandledOnceEach(SalesforceStreamingEmulator emulator) {
		List<Long> published = new ArrayList<>(emulator.publish(CHANNEL, 1000, "{\"N__c\":1}"));
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.build()) {
			client.start();
			client.awaitConnected(Duration.ofSeconds(10));
			// live events published while the backlog is being replayed
			CompletableFuture<List<Long>> live = CompletableFuture
				.supplyAsync(() -> emulator.publish(CHANNEL, 500, "{\"N__c\":2}"));
			client.subscribe(CHANNEL, recorder);
			published.addAll(live.join());
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).hasSameSizeAs(published));
			assertThat(recorder.handled(CHANNEL)).containsExactlyInAnyOrderElementsOf(published);
		}
	}

}
