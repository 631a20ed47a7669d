package io.github.sfstreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's "Testing your application with the emulator" example, run against the sample's own listeners:
 * an application test that brings its own emulator (so the sample's demo mode stays off).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:readme-example;DB_CLOSE_DELAY=-1")
class EmulatorReadmeExampleTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels("/topic/InvoiceStatementUpdates", "/event/OrderPlaced__e", "/data/AccountChangeEvent",
				"/u/Notifications")
		.build();

	@DynamicPropertySource
	static void salesforce(DynamicPropertyRegistry registry) {
		registry.add("salesforce.streaming.login-url", () -> emulator.baseUrl().toString());
		registry.add("salesforce.streaming.auth.client-id", () -> "test-client-id");
		registry.add("salesforce.streaming.auth.client-secret", () -> "test-client-secret");
		registry.add("salesforce.streaming.auth.username", () -> "user@example.com");
		registry.add("salesforce.streaming.auth.password", () -> "pass");
	}

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
