package io.github.sfstreaming.spring.docs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTemplateAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's "Publishing" example (the {@code OrderEvents} class, as printed there) against the emulator,
 * with listeners that receive what it publishes.
 */
class PublishingReadmeExampleTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(2))
		.channels("/event/OrderPlaced__e", "/u/Notifications")
		.build();

	static final List<PlatformEvent> orders = new CopyOnWriteArrayList<>();

	static final List<GenericEvent> notifications = new CopyOnWriteArrayList<>();

	@Test
	void theExamplePublishesWhatTheListenersReceive(SalesforceStreamingEmulator emulator) {
		orders.clear();
		notifications.clear();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
					SalesforceStreamingTemplateAutoConfiguration.class, WebClientAutoConfiguration.class,
					SslAutoConfiguration.class))
			.withUserConfiguration(Example.class)
			.withPropertyValues("salesforce.streaming.login-url=" + emulator.baseUrl(),
					"salesforce.streaming.auth.client-id=test-client-id",
					"salesforce.streaming.auth.client-secret=test-client-secret",
					"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pass")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OrderEvents events = context.getBean(OrderEvents.class);
				events.placed("ORD-1", new BigDecimal("10.50"));
				events.placedAll(List.of(new OrderEvents.OrderPlaced("ORD-2", BigDecimal.ONE),
						new OrderEvents.OrderPlaced("ORD-3", BigDecimal.TEN)));
				events.notifyUsers("hello", List.of("005000000000001AAA"));
				assertThat(events.placedAsync(new OrderEvents.OrderPlaced("ORD-4", BigDecimal.ZERO))
					.get(30, TimeUnit.SECONDS)
					.accepted()).isTrue();
				await().atMost(Duration.ofSeconds(60)).until(() -> orders.size() == 4 && notifications.size() == 2);
				assertThat(orders).extracting((event) -> event.payload().get("Order_Number__c").stringValue())
					.containsExactly("ORD-1", "ORD-2", "ORD-3", "ORD-4");
				assertThat(notifications).extracting(GenericEvent::payload).containsExactly("hello", "hello");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Example {

		@Bean
		OrderEvents orderEvents(SalesforceStreamingOperations salesforce) {
			return new OrderEvents(salesforce);
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		@SalesforceListener("/event/OrderPlaced__e")
		void onOrder(PlatformEvent event) {
			orders.add(event);
		}

		@SalesforceListener("/u/Notifications")
		void onNotification(GenericEvent event) {
			notifications.add(event);
		}

	}

	// As in the README, from here.

	static class OrderEvents {

		private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

		private final SalesforceStreamingOperations salesforce;

		OrderEvents(SalesforceStreamingOperations salesforce) {
			this.salesforce = salesforce;
		}

		record OrderPlaced(String Order_Number__c, BigDecimal Total__c) {
		}

		void placed(String orderNumber, BigDecimal total) {
			// one event: a POJO, a Map or a JsonNode of the event's fields
			PublishResult result = this.salesforce.publish("/event/OrderPlaced__e", new OrderPlaced(orderNumber, total));
			log.info("order {} published, EventUuid {}", orderNumber, result.eventUuid());
		}

		void placedAll(List<OrderPlaced> orders) {
			// sObject Collections: 200 events a request, larger lists split; one result per event, in order
			List<PublishResult> results = this.salesforce.publishAll("/event/OrderPlaced__e", orders);
			results.stream().filter((r) -> !r.accepted()).forEach((r) -> log.warn("refused: {}", r.errors()));
		}

		void notifyUsers(String text, List<String> userIds) {
			this.salesforce.push("/u/Notifications", text);            // every subscriber
			this.salesforce.push("/u/Notifications", text, userIds);   // only these users
		}

		CompletableFuture<PublishResult> placedAsync(OrderPlaced order) {
			return this.salesforce.publishAsync("/event/OrderPlaced__e", order);
		}

	}

}
