package io.github.sfstreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample in demo mode over the Pub/Sub API ({@code --salesforce.streaming.transport=pubsub}): its platform
 * event and Change Data Capture listeners receive over gRPC, their opaque replay ids are stored, the PushTopic
 * and generic streaming listeners are left out, and the demo restart resumes without loss.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"salesforce.streaming.transport=pubsub",
		"spring.datasource.url=jdbc:h2:mem:sample-pubsub-demo-test;DB_CLOSE_DELAY=-1",
		"sample.demo.initial-delay=0s", "sample.demo.interval=200ms", "sample.demo.restart-after=3s" })
class SampleApplicationPubSubDemoModeTests {

	private static final String ORDERS = "/event/OrderPlaced__e";

	private static final String ACCOUNTS = "/data/AccountChangeEvent";

	@Autowired
	private SalesforceStreamingEmulator emulator;

	@Autowired
	private ReplayStore replayStore;

	@Autowired
	private ApplicationContext context;

	@Test
	void receivesPlatformAndChangeEventsOverPubSubAndResumesAfterTheDemoRestart(CapturedOutput output) {
		assertThat(this.context.getBeanNamesForType(StreamingApiListeners.class)).isEmpty();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			for (String channel : new String[] { ORDERS, ACCOUNTS }) {
				assertThat(output.getOut()).contains("channel=" + channel + " replayId=");
				assertThat(this.replayStore.lastReplayId(channel, ReplayIdFormat.OPAQUE)).get()
					.extracting(ReplayPosition::isOpaque)
					.isEqualTo(true);
			}
		});
		assertThat(this.emulator.pubSubStats().subscribes()).isPositive();
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(output.getOut()).contains("DEMO: starting the streaming client again"));
		// every order published, before and across the restart, is handled: count the log lines per order number
		long published = this.emulator.stats().channel(ORDERS).lastReplayId();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(orders(output.getOut())).isGreaterThanOrEqualTo(published));
	}

	private static long orders(String out) {
		return out.lines().filter((line) -> line.contains("channel=" + ORDERS + " ")).map((line) -> {
			int at = line.indexOf(" order ");
			return line.substring(at + 7, line.indexOf(' ', at + 7));
		}).distinct().count();
	}

}
