package io.github.sfstreaming.spring.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.RestRequest;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.PushResult;
import io.github.sfstreaming.publish.SalesforcePublishException;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Round trips: an application publishes through the auto-configured template to the emulator and receives the
 * events through its own {@code @SalesforceListener} methods.
 */
class PublishingEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String ORDERS = "/event/Order__e";

	private static final String NOTIFICATIONS = "/u/Notifications";

	private static final String INTEGRATION_USER = "005000000000001AAA";

	private SalesforceStreamingEmulator emulator;

	private ConfigurableApplicationContext context;

	private SalesforceStreamingOperations template;

	@BeforeEach
	void start() {
		Received.clear();
		this.emulator = SalesforceStreamingEmulator.builder()
			.longPollTimeout(Duration.ofSeconds(2))
			.channels(ORDERS, NOTIFICATIONS)
			.build()
			.start();
		this.context = new SpringApplicationBuilder(PublishingApplication.class).web(WebApplicationType.NONE)
			.properties("salesforce.streaming.login-url=" + this.emulator.baseUrl(),
					"salesforce.streaming.auth.client-id=test-client-id",
					"salesforce.streaming.auth.client-secret=test-client-secret",
					"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pass",
					"salesforce.streaming.publish.retry.delay=50ms",
					"salesforce.streaming.publish.retry.max-delay=200ms")
			.run();
		assertThat(this.context.getBean(SalesforceStreamingLifecycle.class).isRunning()).isTrue();
		this.template = this.context.getBean(SalesforceStreamingOperations.class);
		// the listeners subscribed from new events: only what the tests publish next reaches them
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.emulator.stats().channel(ORDERS).subscribers()).isNotEmpty();
			assertThat(this.emulator.stats().channel(NOTIFICATIONS).subscribers()).isNotEmpty();
		});
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.emulator.close();
	}

	@Test
	void oneEventReachesTheListenerWithTheUuidOfItsResult() {
		PublishResult result = this.template.publish(ORDERS, new Order("O-1", 12.5));
		assertThat(result.accepted()).isTrue();
		assertThat(result.eventUuid()).isNotBlank();
		await().atMost(TIMEOUT).until(() -> Received.orders.size() == 1);
		PlatformEvent event = Received.orders.get(0);
		assertThat(event.eventUuid()).isEqualTo(result.eventUuid());
		assertThat(event.payload().get("OrderNumber__c").stringValue()).isEqualTo("O-1");
		assertThat(event.payload().get("Amount__c").doubleValue()).isEqualTo(12.5);
		TestObservationRegistryAssert.assertThat(this.context.getBean(TestObservationRegistry.class))
			.hasObservationWithNameEqualTo("salesforce.streaming.publish")
			.that()
			.hasLowCardinalityKeyValue("channel", ORDERS)
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void aBatchOfFourHundredAndFiftyTakesThreeRequestsAndArrivesInOrder() {
		List<Map<String, Object>> orders = orders(450);
		List<PublishResult> results = this.template.publishAll(ORDERS, orders);
		assertThat(results).hasSize(450).allMatch(PublishResult::accepted);
		assertThat(batchRequests()).extracting(RestRequest::records).containsExactly(200, 200, 50);
		await().atMost(TIMEOUT).until(() -> Received.orders.size() == 450);
		assertThat(Received.orders).extracting((event) -> event.payload().get("OrderNumber__c").stringValue())
			.containsExactlyElementsOf(orders.stream().map((order) -> (String) order.get("OrderNumber__c")).toList());
		assertThat(Received.orders).extracting(PlatformEvent::eventUuid)
			.containsExactlyElementsOf(results.stream().map(PublishResult::eventUuid).toList());
	}

	@Test
	void aPartialFailureReportsTheRefusedEventAndDeliversTheOthers() {
		List<Map<String, Object>> orders = List.of(Map.of("OrderNumber__c", "O-1"),
				Map.of("OrderNumber__c", "x".repeat(300)), Map.of("OrderNumber__c", "O-3"));
		List<PublishResult> results = this.template.publishAll(ORDERS, orders);
		assertThat(results).extracting(PublishResult::accepted).containsExactly(true, false, true);
		assertThat(results.get(1).errors()).singleElement().satisfies((error) -> {
			assertThat(error.statusCode()).isEqualTo("STRING_TOO_LONG");
			assertThat(error.fields()).containsExactly("OrderNumber__c");
		});
		await().atMost(TIMEOUT).until(() -> Received.orders.size() == 2);
		assertThat(Received.orders).extracting((event) -> event.payload().get("OrderNumber__c").stringValue())
			.containsExactly("O-1", "O-3");
		TestObservationRegistryAssert.assertThat(this.context.getBean(TestObservationRegistry.class))
			.hasObservationWithNameEqualTo("salesforce.streaming.publish")
			.that()
			.hasLowCardinalityKeyValue("outcome", "partial");
	}

	@Test
	void refusalsAreTypedExceptionsNamingSalesforcesError() {
		this.emulator.createChannel("/event/Locked__e");
		this.emulator.restApi().denyCreate("Locked__e");
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish(ORDERS, Map.of("Bogus", 1)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("INVALID_FIELD"));
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish("/event/Unknown__e", Map.of()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("NOT_FOUND"));
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish("/event/Locked__e", Map.of()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY"));
		// each refused once: no retries
		assertThat(this.emulator.restApi().requests()).hasSize(3);
	}

	@Test
	void aBusyServerIsRetried() {
		this.emulator.restApi().httpError(503, 2);
		assertThat(this.template.publish(ORDERS, Map.of("OrderNumber__c", "O-1")).accepted()).isTrue();
		assertThat(this.emulator.restApi().requests()).extracting(RestRequest::status).containsExactly(503, 503, 201);
		await().atMost(TIMEOUT).until(() -> Received.orders.size() == 1);
	}

	@Test
	void aGenericPushReachesEveryoneOrTheGivenUsers() {
		PushResult all = this.template.push(NOTIFICATIONS, "to everyone");
		assertThat(all.fanoutCount()).isEqualTo(-1);
		PushResult us = this.template.push(NOTIFICATIONS, "to the integration user", List.of(INTEGRATION_USER));
		assertThat(us.fanoutCount()).isEqualTo(1);
		assertThat(us.userOnlineStatus()).containsEntry(INTEGRATION_USER, true);
		PushResult others = this.template.push(NOTIFICATIONS, "to someone else", List.of("005000000000009AAA"));
		assertThat(others.fanoutCount()).isZero();
		await().atMost(TIMEOUT).until(() -> Received.notifications.size() == 2);
		assertThat(Received.notifications).extracting(GenericEvent::payload)
			.containsExactly("to everyone", "to the integration user");
		// the channel id was looked up once
		assertThat(this.emulator.restApi().requests()).extracting(RestRequest::method)
			.containsExactly("GET", "POST", "POST", "POST");
	}

	@Test
	void aSessionRevokedMidBatchLogsInAgainAndLosesOrRepeatsNoEvent() {
		// The template logs in on its own here: sharing the application's token provider, the listener (whose
		// session is revoked too) could log in again first, and the template's second request would then carry
		// the new token and never see the 401 this test is about.
		SalesforceStreamingOperations template = SalesforceStreamingTemplate.builder()
			.tokenProvider(UsernamePasswordTokenProvider.builder()
				.loginUrl(this.emulator.baseUrl())
				.clientId("test-client-id")
				.clientSecret("test-client-secret")
				.username("user@example.com")
				.password("pass")
				.build())
			.build();
		template.publish(ORDERS, Map.of("OrderNumber__c", "warm-up"));
		await().atMost(TIMEOUT).until(() -> Received.orders.size() == 1);
		Received.clear();
		long loginsBefore = this.emulator.stats().logins();
		// the first request of the batch is answered, then every token is revoked
		this.emulator.restApi().expireTokensAfter(1);
		List<Map<String, Object>> orders = orders(450);
		List<PublishResult> results = template.publishAll(ORDERS, orders);
		assertThat(results).hasSize(450).allMatch(PublishResult::accepted);
		assertThat(batchRequests()).extracting(RestRequest::status).containsExactly(200, 401, 200, 200);
		// the refused request carried nothing the emulator acted on (records 0): the second 200 events went once
		assertThat(batchRequests()).extracting(RestRequest::records).containsExactly(200, 0, 200, 50);
		assertThat(this.emulator.stats().logins()).isGreaterThan(loginsBefore);
		// the listener's session was revoked too: it logs in again and resumes from its last replay id
		await().atMost(TIMEOUT).until(() -> Received.orders.size() >= 450);
		assertThat(Received.orders).extracting((event) -> event.payload().get("OrderNumber__c").stringValue())
			.containsExactlyElementsOf(orders.stream().map((order) -> (String) order.get("OrderNumber__c")).toList());
		assertThat(this.emulator.stats().channel(ORDERS).publishedCount()).isEqualTo(451);
	}

	private List<RestRequest> batchRequests() {
		return this.emulator.restApi()
			.requests()
			.stream()
			.filter((request) -> request.path().endsWith("/composite/sobjects"))
			.toList();
	}

	private static List<Map<String, Object>> orders(int count) {
		return IntStream.range(0, count).mapToObj((i) -> Map.<String, Object>of("OrderNumber__c", "O-" + i)).toList();
	}

	record Order(String OrderNumber__c, double Amount__c) {
	}

	/** What the listeners received, kept outside the context. */
	static final class Received {

		static final List<PlatformEvent> orders = new CopyOnWriteArrayList<>();

		static final List<GenericEvent> notifications = new CopyOnWriteArrayList<>();

		static void clear() {
			orders.clear();
			notifications.clear();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PublishingApplication {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		@SalesforceListener(ORDERS)
		void onOrder(PlatformEvent event) {
			Received.orders.add(event);
		}

		@SalesforceListener(NOTIFICATIONS)
		void onNotification(GenericEvent event) {
			Received.notifications.add(event);
		}

	}

}
