package io.github.sfstreaming.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SalesforceStreamingServiceConnection @SalesforceStreamingServiceConnection}: a {@code @SpringBootTest}
 * with the annotated extension and no login URL or credentials of its own receives the emulator's events.
 */
@SpringBootTest(classes = SalesforceStreamingServiceConnectionTests.ListenerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "salesforce.streaming.replay.store=memory", "salesforce.streaming.replay.default=all",
				"salesforce.streaming.startup.failure-policy=fail" })
class SalesforceStreamingServiceConnectionTests {

	static final String CHANNEL = "/topic/InvoiceUpdates";

	@RegisterExtension
	@SalesforceStreamingServiceConnection
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels(CHANNEL)
		.build();

	@Autowired
	private SalesforceStreamingConnectionDetails connectionDetails;

	@Autowired
	private InvoiceCollector collector;

	@Test
	void theApplicationConnectsToTheAnnotatedEmulator() {
		assertThat(this.connectionDetails).isInstanceOf(SalesforceStreamingEmulatorConnectionDetails.class);
		assertThat(this.connectionDetails.getLoginUrl()).isEqualTo(emulator.baseUrl());
		long id = emulator.publish(CHANNEL, "{\"Id\":\"a01\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.collector.received).extracting(StreamingEvent::replayId)
				.contains(id));
	}

	@Nested
	class InANestedClass {

		@Autowired
		private SalesforceStreamingConnectionDetails nestedConnectionDetails;

		@Test
		void theEnclosingClassesFieldIsFound() {
			assertThat(this.nestedConnectionDetails.getLoginUrl()).isEqualTo(emulator.baseUrl());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ListenerApplication {

		@Bean
		InvoiceCollector invoiceCollector() {
			return new InvoiceCollector();
		}

	}

	static class InvoiceCollector {

		final List<StreamingEvent> received = new CopyOnWriteArrayList<>();

		@SalesforceListener(CHANNEL)
		void onInvoice(StreamingEvent event) {
			this.received.add(event);
		}

	}

}
