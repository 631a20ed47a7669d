package io.github.sfstreaming.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SalesforceStreamingServiceConnection @SalesforceStreamingServiceConnection} over the Pub/Sub API: with
 * {@code transport=pubsub} and nothing else (no host, port, plaintext or org id), the application subscribes to
 * the annotated emulator's Pub/Sub side.
 */
@SpringBootTest(classes = SalesforceStreamingPubSubServiceConnectionTests.ListenerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "salesforce.streaming.transport=pubsub", "salesforce.streaming.replay.store=memory",
				"salesforce.streaming.replay.default=all", "salesforce.streaming.startup.failure-policy=fail" })
class SalesforceStreamingPubSubServiceConnectionTests {

	static final String CHANNEL = "/event/Order__e";

	@RegisterExtension
	@SalesforceStreamingServiceConnection
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels(CHANNEL)
		.customize((builder) -> builder.pubSub(true))
		.build();

	@Autowired
	private SalesforceStreamingPubSubConnectionDetails connectionDetails;

	@Autowired
	private PubSubTransport transport;

	@Autowired
	private OrderCollector collector;

	@Test
	void theApplicationSubscribesToTheAnnotatedEmulatorsPubSubApi() {
		assertThat(this.connectionDetails).isInstanceOf(SalesforceStreamingEmulatorConnectionDetails.class);
		assertThat(this.connectionDetails.getPort()).isEqualTo(emulator.emulator().pubSubPort());
		assertThat(this.connectionDetails.isPlaintext()).isTrue();
		emulator.publish(CHANNEL, "{\"OrderNumber__c\":\"A-1\"}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.collector.received)
				.extracting((event) -> event.payload().path("OrderNumber__c").asString())
				.containsExactly("A-1"));
		assertThat(emulator.emulator().pubSubStats().subscribes()).isPositive();
		// nothing went over CometD
		assertThat(emulator.stats().handshakes()).isZero();
		assertThat(this.transport.settings().maxCredit()).isEqualTo(100);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ListenerApplication {

		@Bean
		OrderCollector orderCollector() {
			return new OrderCollector();
		}

	}

	static class OrderCollector {

		final List<PlatformEvent> received = new CopyOnWriteArrayList<>();

		@SalesforceListener(CHANNEL)
		void onOrder(PlatformEvent event) {
			this.received.add(event);
		}

	}

}
