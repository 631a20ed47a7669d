package io.github.sfstreaming.starter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.PushTopicEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with only the starter, one annotated method and properties receives the emulator's events
 * and, after a restart, resumes right after the last one it handled.
 */
class StarterTests {

	@Test
	void receivesEventsAndResumesAfterRestart(@TempDir Path directory) {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels("/topic/InvoiceUpdates")
			.build()
			.start()) {
			String[] args = { "--spring.main.web-application-type=none", "--spring.application.name=invoices",
					"--spring.datasource.url=jdbc:h2:file:" + directory.resolve("db"),
					"--salesforce.streaming.replay.initialize-schema=always",
					"--salesforce.streaming.login-url=" + emulator.baseUrl(),
					"--salesforce.streaming.auth.client-id=test-client-id",
					"--salesforce.streaming.auth.client-secret=test-client-secret",
					"--salesforce.streaming.auth.username=user@example.com",
					"--salesforce.streaming.auth.password=pass" };
			InvoiceApplication.invoices.clear();
			long first;
			try (ConfigurableApplicationContext context = SpringApplication.run(InvoiceApplication.class, args)) {
				first = emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(InvoiceApplication.invoices).extracting(PushTopicEvent::replayId)
						.containsExactly(first));
			}
			List<Long> whileStopped = emulator.publish("/topic/InvoiceUpdates", 2, "{\"Id\":\"a02\"}");
			try (ConfigurableApplicationContext context = SpringApplication.run(InvoiceApplication.class, args)) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(InvoiceApplication.invoices).extracting(PushTopicEvent::replayId)
						.containsExactly(first, whileStopped.get(0), whileStopped.get(1)));
			}
		}
	}

}
