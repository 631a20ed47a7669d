package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.EventFieldType;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforcePublishException;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link PubSubEventPublisher} behind {@link SalesforceStreamingTemplate}, end to end against the emulator's
 * Pub/Sub API, the events read back by a {@link PubSubSubscriber}.
 */
class PubSubEventPublisherTests {

	private static final String ORDER = "/event/Order__e";

	private static final String ORG_ID = "00D000000000001AAA";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private SalesforceStreamingEmulator emulator;

	private ManagedChannel channel;

	private CountingTokens tokens;

	private PubSubEventPublisher publisher;

	private SalesforceStreamingTemplate template;

	private final List<PubSubSubscriber> subscribers = new ArrayList<>();

	/** A platform event as an application would write it; Jackson names the fields after the components. */
	record Order(String Number__c, double Amount__c, boolean Shipped__c, Instant ShipBy__c, long Seq__c) {
	}

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(200))
			.build()
			.start();
		Map<String, EventFieldType> fields = new LinkedHashMap<>();
		fields.put("Number__c", EventFieldType.TEXT);
		fields.put("Amount__c", EventFieldType.NUMBER);
		fields.put("Shipped__c", EventFieldType.CHECKBOX);
		fields.put("ShipBy__c", EventFieldType.DATE_TIME);
		fields.put("Seq__c", EventFieldType.NUMBER);
		this.emulator.definePlatformEvent(ORDER, fields);
		this.channel = InProcessChannelBuilder.forName(this.emulator.pubSubInProcessName()).build();
		this.tokens = new CountingTokens(UsernamePasswordTokenProvider.builder()
			.loginUrl(this.emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build());
		this.publisher = publisher(this.channel, PubSubPublisherSettings.defaults());
		this.template = template(this.publisher, false);
	}

	@AfterEach
	void stop() {
		this.subscribers.forEach(PubSubSubscriber::close);
		this.channel.shutdownNow();
		this.emulator.close();
	}

	/** A publisher sending the org id the emulator's login tells. */
	private PubSubEventPublisher publisher(Channel to, PubSubPublisherSettings settings) {
		return new PubSubEventPublisher(to, this.tokens, settings.withCreatedById("005000000000001AAA"));
	}

	private SalesforceStreamingTemplate template(PubSubEventPublisher with, boolean allOrNone) {
		return SalesforceStreamingTemplate.builder()
			.tokenProvider(this.tokens)
			.eventPublisher(with)
			.allOrNone(allOrNone)
			.retryPolicy(SalesforceStreamingTemplate.retryPolicy(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10)))
			.build();
	}

	/** Every event of the topic, read from the start by a subscriber, once {@code count} have arrived. */
	private List<PlatformEvent> received(int count) {
		TestSink sink = new TestSink(100, PubSubStart.earliest());
		PubSubSubscriber subscriber = new PubSubSubscriber(ORDER, this.channel, this.tokens, ORG_ID, sink,
				PubSubSubscriberSettings.defaults().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)));
		sink.subscriber = subscriber;
		this.subscribers.add(subscriber);
		subscriber.start();
		await().atMost(WAIT).until(() -> {
			sink.handleAll();
			return sink.handled.size() >= count;
		});
		return sink.handled.stream().map((event) -> (PlatformEvent) event.event()).toList();
	}

	private static List<Long> sequence(List<PlatformEvent> events) {
		return events.stream().map((event) -> event.payload().path("Seq__c").asLong()).toList();
	}

	private static Map<String, Object> seq(int seq) {
		return Map.of("Number__c", "N-" + seq, "Seq__c", seq);
	}

	@Test
	void aPublishedEventReachesASubscriberWithItsFieldsIntact() {
		Instant shipBy = Instant.parse("2026-01-02T03:04:05.678Z");
		PublishResult pojo = this.template.publish(ORDER, new Order("A-1", 12.5, true, shipBy, 1));
		List<PublishResult> maps = this.template.publishAll("Order__e", List.of(seq(2), seq(3)));
		assertThat(pojo.accepted()).isTrue();
		assertThat(pojo.eventUuid()).isNotBlank();
		assertThat(pojo.errors()).isEmpty();
		assertThat(maps).extracting(PublishResult::accepted).containsExactly(true, true);

		List<PlatformEvent> events = received(3);
		assertThat(sequence(events)).containsExactly(1L, 2L, 3L);
		PlatformEvent first = events.get(0);
		assertThat(first.eventUuid()).isEqualTo(pojo.eventUuid());
		assertThat(first.payload().path("Number__c").asString()).isEqualTo("A-1");
		assertThat(first.payload().path("Amount__c").asDouble()).isEqualTo(12.5);
		assertThat(first.payload().path("Shipped__c").asBoolean()).isTrue();
		assertThat(first.payload().path("ShipBy__c").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
		assertThat(first.payload().path("CreatedById").asString()).isEqualTo("005000000000001AAA");
		assertThat(first.createdDate()).isNotNull();
		PlatformEvent second = events.get(1);
		assertThat(second.eventUuid()).isEqualTo(maps.get(0).eventUuid());
		// Left out: a checkbox is false, the other fields null.
		assertThat(second.payload().path("Shipped__c").asBoolean()).isFalse();
		assertThat(second.payload().path("Amount__c").isNull()).isTrue();
	}

	@Test
	void aBatchWithRefusedEventsGetsOneResultPerEventAndTheOthersArePublished() {
		this.emulator.pubSubFaults().publishErrors(1);
		List<PublishResult> results = this.template.publishAll(ORDER, List.of(seq(1), seq(2), seq(3)));
		assertThat(results).extracting(PublishResult::accepted).containsExactly(false, true, true);
		assertThat(results.get(0).eventUuid()).isNull();
		assertThat(results.get(0).errors()).singleElement().satisfies((error) -> {
			assertThat(error.statusCode()).isEqualTo("PUBLISH");
			assertThat(error.message()).contains("emulator fault");
		});
		assertThat(sequence(received(2))).containsExactly(2L, 3L);

		this.emulator.pubSubFaults().publishErrors(1);
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish(ORDER, seq(4)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("PUBLISH");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("did not accept the Order__e event");
			});
		assertThat(this.emulator.pubSubStats().publishes()).isEqualTo(2);
	}

	@Test
	void fieldsThatDoNotFitTheSchemaRefuseTheRequestBeforeItIsSent() {
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish(ORDER, Map.of("Colour__c", "red")))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INVALID_FIELD");
				assertThat(ex.getErrors().get(0).fields()).containsExactly("Colour__c");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("nothing was sent");
			});
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publishAll(ORDER, List.of(seq(1), Map.of("Amount__c", "lots"))))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
				assertThat(ex).hasMessageContaining("index 1 of 2");
			});
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish(ORDER, Map.of("Number__c", Map.of("nested", 1))))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("JSON_PARSER_ERROR"));
		assertThat(this.emulator.pubSubStats().publishes()).isZero();
		// Names match case-insensitively, as in the REST API; "attributes" is not a field.
		assertThat(this.template.publish(ORDER, Map.of("number__C", "x", "attributes", Map.of("type", "Order__e")))
			.accepted()).isTrue();
	}

	@Test
	void topicsThatCannotBePublishedToGetAClearError() {
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish("/event/Missing__e", seq(1)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("NOT_FOUND");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("NOT_FOUND").hasMessageContaining("/event/Missing__e");
			});
		this.emulator.restApi().denyCreate("Order__e");
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.template.publish(ORDER, seq(1)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("can_publish");
			});
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.publish("/topic/Invoices", null))
			.withMessageContaining("PushTopic");
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.publish("/u/Notices", null))
			.withMessageContaining("push(channel, payload)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.publisher.publish("/data/AccountChangeEvent", null))
			.withMessageContaining("Change Data Capture");
		assertThat(this.emulator.pubSubStats().publishes()).isZero();
	}

	@Test
	void anUnavailableApiIsRetriedByTheTemplateAndARefusedTokenLogsInAgain() {
		this.emulator.pubSubFaults().unavailable(1);
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.publisher.publish("Order__e", new tools.jackson.databind.node.ObjectNode(
					tools.jackson.databind.node.JsonNodeFactory.instance)))
			.satisfies((ex) -> {
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getErrorCode()).isEqualTo("SERVER_UNAVAILABLE");
			});
		this.emulator.pubSubFaults().unavailable(2);
		assertThat(this.template.publish(ORDER, seq(1)).accepted()).isTrue();

		this.emulator.pubSubFaults().authError(1);
		assertThat(template(this.publisher, false).publish(ORDER, seq(2)).accepted()).isTrue();
		assertThat(this.tokens.refreshes.get()).isEqualTo(1);
		this.emulator.faults().expireTokens();
		assertThat(this.template.publish(ORDER, seq(3)).accepted()).isTrue();
		assertThat(this.tokens.refreshes.get()).isEqualTo(2);
		assertThat(sequence(received(3))).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aSchemaChangeIsFollowedAndEventsRefusedForAnOldSchemaAreWrittenAgainWithTheNewOne() {
		assertThat(this.template.publish(ORDER, seq(1)).accepted()).isTrue();
		this.emulator.pubSubFaults().schemaChange(ORDER);
		this.emulator.pubSubFaults().refuseOldSchemas(1);
		// Written with the schema GetTopic gave, refused; written again with the one the answer named.
		assertThat(this.template.publishAll(ORDER, List.of(seq(2), seq(3))))
			.extracting(PublishResult::accepted).containsExactly(true, true);
		assertThat(this.emulator.pubSubStats().publishes()).isEqualTo(3);

		this.emulator.pubSubFaults().schemaChange(ORDER);
		// Salesforce takes an older schema: accepted, and the answer names the new one for the next events.
		assertThat(this.template.publish(ORDER, seq(4)).accepted()).isTrue();
		this.emulator.pubSubFaults().refuseOldSchemas(1);
		assertThat(this.template.publish(ORDER, seq(5)).accepted()).isTrue();
		assertThat(this.emulator.pubSubStats().publishes()).isEqualTo(5);

		List<PlatformEvent> events = received(5);
		assertThat(sequence(events)).containsExactly(1L, 2L, 3L, 4L, 5L);
		// Delivered with the schema of the topic when each was published: three generations.
		assertThat(events.stream().map(PlatformEvent::schema).distinct()).hasSize(3);
		assertThat(events).allSatisfy((event) -> assertThat(event.payload().path("Number__c").asString())
			.isEqualTo("N-" + event.payload().path("Seq__c").asLong()));
	}

	@Test
	void aBatchLargerThanOneRequestGoesInSeveralInOrder() {
		PubSubEventPublisher small = publisher(this.channel, PubSubPublisherSettings.defaults()
			.withMaxRequestBytes(1024));
		List<Map<String, Object>> events = IntStream.rangeClosed(1, 10)
			.mapToObj((i) -> Map.<String, Object>of("Number__c", "x".repeat(300), "Seq__c", i))
			.toList();
		List<PublishResult> results = template(small, false).publishAll(ORDER, events);
		assertThat(results).hasSize(10).allMatch(PublishResult::accepted);
		assertThat(this.emulator.pubSubStats().publishes()).isGreaterThanOrEqualTo(4);
		assertThat(sequence(received(10))).containsExactlyElementsOf(
				IntStream.rangeClosed(1, 10).mapToObj(Long::valueOf).toList());
	}

	@Test
	void aLaterRequestOfABatchThatFailsRefusesItsEventsRatherThanFailingTheBatch() {
		// The emulator fails the second Publish call, once the first was published.
		AtomicInteger publishes = new AtomicInteger();
		ClientInterceptor secondFails = new ClientInterceptor() {

			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
					Channel next) {
				if (method.getBareMethodName().equals("Publish") && publishes.incrementAndGet() == 2) {
					PubSubEventPublisherTests.this.emulator.pubSubFaults().unavailable(1);
				}
				return next.newCall(method, options);
			}

		};
		PubSubEventPublisher small = publisher(ClientInterceptors.intercept(this.channel, secondFails),
				PubSubPublisherSettings.defaults().withMaxRequestBytes(1024));
		List<Map<String, Object>> events = IntStream.rangeClosed(1, 6)
			.mapToObj((i) -> Map.<String, Object>of("Number__c", "x".repeat(300), "Seq__c", i))
			.toList();
		List<PublishResult> results = template(small, false).publishAll(ORDER, events);
		assertThat(results).hasSize(6);
		long accepted = results.stream().filter(PublishResult::accepted).count();
		assertThat(accepted).isBetween(1L, 5L);
		assertThat(results.subList(0, (int) accepted)).allMatch(PublishResult::accepted);
		assertThat(results.subList((int) accepted, 6)).allSatisfy((result) -> {
			assertThat(result.accepted()).isFalse();
			assertThat(result.errors().get(0).statusCode()).isEqualTo("SERVER_UNAVAILABLE");
		});
		assertThat(sequence(received((int) accepted))).containsExactlyElementsOf(
				IntStream.rangeClosed(1, (int) accepted).mapToObj(Long::valueOf).toList());
	}

	@Test
	void aTokenThatCannotTellItsOrgNeedsTheOrgIdGiven() {
		String token = this.tokens.token().block(WAIT).value();
		StaticTokenProvider bare = new StaticTokenProvider(token, this.emulator.baseUrl());
		PubSubEventPublisher unknown = new PubSubEventPublisher(this.channel, bare,
				PubSubPublisherSettings.defaults());
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template(unknown, false).publish(ORDER, seq(1)))
			.satisfies((ex) -> {
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("orgId argument of PubSubEventPublisher")
					.hasMessageNotContaining(token);
			});
		PubSubEventPublisher given = new PubSubEventPublisher(this.channel, bare, ORG_ID,
				PubSubPublisherSettings.defaults());
		assertThat(template(given, false).publish(ORDER, seq(1)).accepted()).isTrue();
	}

	@Test
	void allOrNoneIsRefusedNamingTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> template(this.publisher, true).publishAll(ORDER, List.of(seq(1), seq(2))))
			.withMessageContaining("salesforce.streaming.publish.all-or-none");
		assertThat(template(this.publisher, true).publish(ORDER, seq(1)).accepted()).isTrue();
	}

}
