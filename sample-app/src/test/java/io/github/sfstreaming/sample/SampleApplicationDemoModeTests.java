package io.github.sfstreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample as a newcomer does, with no Salesforce properties: it must run in demo mode, handle
 * events of all four channel kinds, store their replay ids, and resume after its demo restart without loss.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:sample-demo-test;DB_CLOSE_DELAY=-1",
		"sample.demo.initial-delay=0s", "sample.demo.interval=200ms", "sample.demo.restart-after=3s" })
class SampleApplicationDemoModeTests {

	@Autowired
	private SalesforceStreamingEmulator emulator;

	@Autowired
	private ReplayStore replayStore;

	@Test
	void handlesEveryChannelKindStoresReplayIdsAndResumesAfterRestart(CapturedOutput output) {
		SampleChannels channels = new SampleChannels("/topic/InvoiceStatementUpdates", "/event/OrderPlaced__e",
				"/data/AccountChangeEvent", "/u/Notifications");
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			for (String channel : channels.all()) {
				assertThat(output.getOut()).contains("channel=" + channel + " replayId=");
				assertThat(this.replayStore.lastReplayId(channel)).get()
					.extracting(ReplayPosition::value)
					.satisfies((id) -> assertThat(id).isPositive());
			}
		});
		assertThat(output.getOut()).contains("DEMO MODE");

		// The demo restart: events published while the client was down are handled after it starts again.
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(output.getOut()).contains("DEMO: starting the streaming client again"));
		for (String channel : channels.all()) {
			long lastPublished = this.emulator.stats().channel(channel).lastReplayId();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (long id = 1; id <= lastPublished; id++) {
					assertThat(output.getOut()).contains("channel=" + channel + " replayId=" + id + " ");
				}
			});
		}
	}

}
