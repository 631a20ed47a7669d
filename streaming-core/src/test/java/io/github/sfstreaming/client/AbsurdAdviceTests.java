package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server advice no Salesforce would send must not stall the stream: the client bounds it and keeps polling.
 */
class AbsurdAdviceTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	private SalesforceStreamingClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
	}

	@Test
	void eventsStillArriveAfterAnIntervalOfThirtyYearsAndAnEndlessTimeout(SalesforceStreamingEmulator server) {
		EventRecorder recorder = new EventRecorder();
		this.client = EmulatorClients.client(server).build();
		this.client.start();
		this.client.subscribe(TOPIC, recorder).block(Duration.ofSeconds(10));
		this.client.awaitConnected(Duration.ofSeconds(10));
		List<Long> published = new ArrayList<>(server.publish(TOPIC, 2, "{\"Id\":\"a01\"}"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(published));

		server.faults().connectAdvice(Duration.ofDays(30 * 365).toMillis(), Long.MAX_VALUE, 1);
		// the first connect reply from now on carries the advice: these events come with it or after it
		published.addAll(server.publish(TOPIC, 2, "{\"Id\":\"a02\"}"));
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(published));
		// published while the client waits as advised (30 s at most, not 30 years): polling goes on
		published.addAll(server.publish(TOPIC, 2, "{\"Id\":\"a03\"}"));
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(published));
		long connects = server.stats().connects();
		await().atMost(Duration.ofSeconds(30)).until(() -> server.stats().connects() > connects + 2);
		assertThat(this.client.failure()).isNull();
		assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
	}

}
