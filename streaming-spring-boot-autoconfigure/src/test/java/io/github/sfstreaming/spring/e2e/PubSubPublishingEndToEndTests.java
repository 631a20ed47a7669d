package io.github.sfstreaming.spring.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.sfstreaming.emulator.EventFieldType;
import io.github.sfstreaming.emulator.PubSubStats;
import io.github.sfstreaming.emulator.RestRequest;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.PushResult;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Round trip over the Pub/Sub API: under {@code transport=pubsub} the auto-configured template publishes with
 * {@code Publish} over the transport's channel and login, and the application's {@code @SalesforceListener}
 * receives the events over {@code Subscribe}; a generic push still goes through the REST API.
 */
class PubSubPublishingEndToEndTests extends TransportTestSupport {

	private static final String NOTIFICATIONS = "/u/Notifications";

	@Test
	void theTemplatePublishesOverPubSubAndTheListenerReceivesTheEvents() {
		try (SalesforceStreamingEmulator emulator = emulator().channels(NOTIFICATIONS).pubSub(true).build().start()) {
			emulator.definePlatformEvent(CHANNEL, Map.of("OrderNumber__c", EventFieldType.TEXT));
			ConfigurableApplicationContext context = start(emulator, "salesforce.streaming.transport=pubsub");
			SalesforceStreamingOperations template = context.getBean(SalesforceStreamingOperations.class);

			PublishResult one = template.publish(CHANNEL, Map.of("OrderNumber__c", "O-1"));
			List<PublishResult> batch = template.publishAll(CHANNEL,
					List.of(Map.of("OrderNumber__c", "O-2"), Map.of("OrderNumber__c", "O-3")));
			assertThat(batch).hasSize(2).allMatch(PublishResult::accepted);

			await().atMost(TIMEOUT).until(() -> received.size() >= 3);
			assertThat(received).extracting((event) -> event.payload().path("OrderNumber__c").asString())
				.containsExactly("O-1", "O-2", "O-3");
			assertThat(received).extracting(PlatformEvent::eventUuid)
				.containsExactly(one.eventUuid(), batch.get(0).eventUuid(), batch.get(1).eventUuid());
			PubSubStats stats = emulator.pubSubStats();
			assertThat(stats.publishes()).isEqualTo(2);
			assertThat(stats.eventsPublished()).isEqualTo(3);
			// nothing went through the REST API's sObject endpoints
			assertThat(emulator.restApi().requests()).isEmpty();

			// the Pub/Sub API does not carry generic streaming: push(..) stays on REST under either transport
			PushResult push = template.push(NOTIFICATIONS, "hello");
			assertThat(push.fanoutCount()).isEqualTo(-1);
			assertThat(emulator.restApi().requests()).extracting(RestRequest::method).containsExactly("GET", "POST");
			assertThat(emulator.stats().channel(NOTIFICATIONS).publishedCount()).isEqualTo(1);
		}
	}

}
