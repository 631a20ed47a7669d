package io.github.sfstreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.test.SalesforceStreamingServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's "Testing your application with the emulator" example, run against the sample's own listeners:
 * an application test that brings its own emulator (so the sample's demo mode stays off).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:readme-example;DB_CLOSE_DELAY=-1",
		// The sample's own switch: with no credentials set it would start its demo emulator. Your application has
		// no such thing.
		"sample.demo.enabled=false" })
class EmulatorReadmeExampleTests {

	@RegisterExtension
	@SalesforceStreamingServiceConnection
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels("/topic/InvoiceStatementUpdates", "/event/OrderPlaced__e", "/data/AccountChangeEvent",
				"/u/Notifications")
		.build();

	@Autowired
	private ReplayStore replayStore;

	@Test
	void handlesInvoicesAcrossADroppedSession(CapturedOutput output) {
		long first = emulator.publish("/topic/InvoiceStatementUpdates", "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.replayStore.lastReplayId("/topic/InvoiceStatementUpdates"))
				.contains(ReplayPosition.after(first)));

		emulator.faults().dropSessions(); // the client must re-handshake and resubscribe without losing events
		long second = emulator.publish("/topic/InvoiceStatementUpdates", "{\"Id\":\"a02\",\"Name\":\"INV-2\"}");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.replayStore.lastReplayId("/topic/InvoiceStatementUpdates"))
				.contains(ReplayPosition.after(second)));
		assertThat(output.getOut()).contains("invoice INV-1").contains("invoice INV-2").doesNotContain("DEMO MODE");
	}

}
