package io.github.sfstreaming.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The template against canned Salesforce answers: request shapes, error mapping, retries and re-login.
 */
class SalesforceStreamingTemplateTests {

	private static final String ENQUEUED = "{\"id\":\"e00xx0000000001AAA\",\"success\":true,\"errors\":[{"
			+ "\"statusCode\":\"OPERATION_ENQUEUED\",\"message\":\"232fd30e-0a71-42bd-a97b-be0e329b2ded\","
			+ "\"fields\":[]}]}";

	private static final String INVALID_SESSION = "[{\"message\":\"Session expired or invalid\","
			+ "\"errorCode\":\"INVALID_SESSION_ID\"}]";

	private static final String UNAVAILABLE = "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";

	private final CannedSalesforce salesforce = new CannedSalesforce();

	record Order(String OrderNumber__c, double Amount__c) {
	}

	@Test
	void publishPostsTheEventAndReadsItsUuid() {
		this.salesforce.answer(201, ENQUEUED);
		PublishResult result = this.salesforce.template().build().publish("/event/Order__e",
				Map.of("OrderNumber__c", "42"));
		assertThat(result.accepted()).isTrue();
		assertThat(result.id()).isEqualTo("e00xx0000000001AAA");
		assertThat(result.eventUuid()).isEqualTo("232fd30e-0a71-42bd-a97b-be0e329b2ded");
		assertThat(result.errors()).isEmpty();
		CannedSalesforce.Request request = this.salesforce.requests.get(0);
		assertThat(request.method()).isEqualTo(HttpMethod.POST);
		assertThat(request.url()).hasToString("https://acme.my.salesforce.com/services/data/v64.0/sobjects/Order__e/");
		assertThat(request.authorization()).isEqualTo("Bearer tok-1");
		assertThat(request.body()).isEqualTo("{\"OrderNumber__c\":\"42\"}");
	}

	@Test
	void publishTakesAPojoAMapOrAJsonNodeAndABareEventName() {
		this.salesforce.answer(201, ENQUEUED).answer(201, ENQUEUED).answer(201, ENQUEUED);
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		template.publish("Order__e", new Order("1", 9.5));
		template.publish("Order__e", Map.of("OrderNumber__c", "2"));
		template.publish("Order__e", JsonMapper.shared().readTree("{\"OrderNumber__c\":\"3\"}"));
		assertThat(this.salesforce.requests).extracting(CannedSalesforce.Request::body)
			.containsExactly("{\"OrderNumber__c\":\"1\",\"Amount__c\":9.5}", "{\"OrderNumber__c\":\"2\"}",
					"{\"OrderNumber__c\":\"3\"}");
	}

	@Test
	void eventsThatAreNotJsonObjectsAreRefusedBeforeAnyRequest() {
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatIllegalArgumentException().isThrownBy(() -> template.publish("Order__e", "text"))
			.withMessageContaining("JSON object");
		assertThatIllegalArgumentException().isThrownBy(() -> template.publishAll("Order__e", List.of(List.of(1))))
			.withMessageContaining("JSON object");
		assertThat(this.salesforce.requests).isEmpty();
	}

	@Test
	void pushTopicAndChangeDataCaptureChannelsCannotBePublishedTo() {
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatIllegalArgumentException().isThrownBy(() -> template.publish("/topic/InvoiceUpdates", Map.of()))
			.withMessageContaining("PushTopic")
			.withMessageContaining("record");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template.publishAll("/data/AccountChangeEvent", List.of(Map.of())))
			.withMessageContaining("Change Data Capture")
			.withMessageContaining("record changes");
		assertThatIllegalArgumentException().isThrownBy(() -> template.push("/topic/InvoiceUpdates", "x"))
			.withMessageContaining("PushTopic");
		assertThatIllegalArgumentException().isThrownBy(() -> template.publish("/u/Notifications", Map.of()))
			.withMessageContaining("push(");
		assertThatIllegalArgumentException().isThrownBy(() -> template.push("/event/Order__e", "x"))
			.withMessageContaining("publish(");
		assertThatIllegalArgumentException().isThrownBy(() -> template.publish("/event/Order", Map.of()))
			.withMessageContaining("__e");
		assertThat(this.salesforce.requests).isEmpty();
	}

	@Test
	void anInvalidFieldIsATypedExceptionAndIsNotRetried() {
		this.salesforce.answer(400, "[{\"message\":\"No such column 'Bogus' on sobject of type Order__e\","
				+ "\"errorCode\":\"INVALID_FIELD\",\"fields\":[\"Bogus\"]}]");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Order__e", Map.of("Bogus", 1)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INVALID_FIELD");
				assertThat(ex.getHttpStatus()).isEqualTo(400);
				assertThat(ex.getErrors().get(0).fields()).containsExactly("Bogus");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("INVALID_FIELD").contains("No such column 'Bogus'");
			});
		assertThat(this.salesforce.requests).hasSize(1);
	}

	@Test
	void anUnknownEventTypeAndAMissingPermissionAreNotRetried() {
		this.salesforce.answer(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")
			.answer(400, "[{\"message\":\"insufficient access rights on object id\","
					+ "\"errorCode\":\"INSUFFICIENT_ACCESS_OR_READONLY\",\"fields\":[]}]");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Nope__e", Map.of()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("NOT_FOUND"));
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Order__e", Map.of()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY"));
		assertThat(this.salesforce.requests).hasSize(2);
	}

	@Test
	void serviceUnavailableIsRetriedWithBackOff() {
		this.salesforce.answer(503, UNAVAILABLE).answer(503, "<html>busy</html>").answer(201, ENQUEUED);
		PublishResult result = this.salesforce.template().build().publish("Order__e", Map.of());
		assertThat(result.accepted()).isTrue();
		assertThat(this.salesforce.requests).hasSize(3);
	}

	@Test
	void retriesStopAfterTheLastAttempt() {
		this.salesforce.answer(503, UNAVAILABLE).answer(503, UNAVAILABLE).answer(503, UNAVAILABLE);
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().build().publish("Order__e", Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isEqualTo(503);
				assertThat(ex.isRetryable()).isTrue();
			});
		assertThat(this.salesforce.requests).hasSize(3);
	}

	@Test
	void aTimeoutIsRetried() {
		this.salesforce.silence().answer(201, ENQUEUED);
		PublishResult result = this.salesforce.template().timeout(Duration.ofMillis(300)).build()
			.publish("Order__e", Map.of());
		assertThat(result.accepted()).isTrue();
		assertThat(this.salesforce.requests).hasSize(2);
	}

	@Test
	void anExpiredSessionLogsInAgainAndResendsTheRequestOnce() {
		this.salesforce.answer(401, INVALID_SESSION).answer(201, ENQUEUED);
		this.salesforce.template().build().publish("Order__e", Map.of("OrderNumber__c", "1"));
		assertThat(this.salesforce.tokens.refreshes).hasValue(1);
		assertThat(this.salesforce.requests).extracting(CannedSalesforce.Request::authorization)
			.containsExactly("Bearer tok-1", "Bearer tok-2");
		assertThat(this.salesforce.requests).extracting(CannedSalesforce.Request::body)
			.containsOnly("{\"OrderNumber__c\":\"1\"}");
	}

	@Test
	void aSessionRefusedTwiceInARowFails() {
		this.salesforce.answer(401, INVALID_SESSION).answer(401, INVALID_SESSION);
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().build().publish("Order__e", Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INVALID_SESSION_ID");
				assertThat(ex.getMessage()).doesNotContain("tok-");
			});
		assertThat(this.salesforce.tokens.refreshes).hasValue(1);
		assertThat(this.salesforce.requests).hasSize(2);
	}

	@Test
	void aBatchIsSplitIntoRequestsOfTwoHundredWithAllOrNone() {
		this.salesforce.answer(200, results(200)).answer(200, results(200)).answer(200, results(50));
		List<Map<String, Object>> events = IntStream.range(0, 450)
			.mapToObj((i) -> Map.<String, Object>of("OrderNumber__c", String.valueOf(i)))
			.toList();
		List<PublishResult> results = this.salesforce.template().allOrNone(true).build()
			.publishAll("/event/Order__e", events);
		assertThat(results).hasSize(450).allMatch(PublishResult::accepted);
		assertThat(this.salesforce.requests).hasSize(3)
			.allSatisfy((request) -> assertThat(request.url().getPath())
				.isEqualTo("/services/data/v64.0/composite/sobjects"));
		JsonNode first = JsonMapper.shared().readTree(this.salesforce.requests.get(0).body());
		assertThat(first.get("allOrNone").booleanValue()).isTrue();
		assertThat(first.get("records")).hasSize(200);
		assertThat(first.get("records").get(0).toString())
			.isEqualTo("{\"attributes\":{\"type\":\"Order__e\"},\"OrderNumber__c\":\"0\"}");
		JsonNode last = JsonMapper.shared().readTree(this.salesforce.requests.get(2).body());
		assertThat(last.get("records")).hasSize(50);
		assertThat(last.get("records").get(49).get("OrderNumber__c").stringValue()).isEqualTo("449");
	}

	@Test
	void aPartialFailureGivesEachEventItsOwnResult() {
		this.salesforce.answer(200, "[" + ENQUEUED + ",{\"success\":false,\"errors\":[{\"statusCode\":"
				+ "\"STRING_TOO_LONG\",\"message\":\"Note: data value too large\",\"fields\":[\"Note__c\"]}]}]");
		List<PublishResult> results = this.salesforce.template().build()
			.publishAll("Order__e", List.of(Map.of("Note__c", "a"), Map.of("Note__c", "b".repeat(300))));
		assertThat(results.get(0).accepted()).isTrue();
		assertThat(results.get(1).accepted()).isFalse();
		assertThat(results.get(1).id()).isNull();
		assertThat(results.get(1).errors()).singleElement().satisfies((error) -> {
			assertThat(error.statusCode()).isEqualTo("STRING_TOO_LONG");
			assertThat(error.fields()).containsExactly("Note__c");
		});
	}

	@Test
	void aBatchRefusedPartWayKeepsTheResultsOfTheEarlierRequests() {
		this.salesforce.answer(200, results(2)).answer(400, "[{\"message\":\"No such column 'X' on sobject of type "
				+ "Order__e\",\"errorCode\":\"INVALID_FIELD\"}]");
		List<Map<String, Object>> events = IntStream.range(0, 4).mapToObj((i) -> Map.<String, Object>of("A__c", i))
			.toList();
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().batchSize(2).build().publishAll("Order__e", events))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("INVALID_FIELD");
				assertThat(ex.getCompletedResults()).hasSize(2).allMatch(PublishResult::accepted);
				assertThat(ex.getMessage()).contains("2 of the batch's 4 events");
			});
	}

	@Test
	void aBatchAnswerWithTheWrongNumberOfResultsFails() {
		this.salesforce.answer(200, results(1));
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().build().publishAll("Order__e", List.of(Map.of(), Map.of())))
			.withMessageContaining("1 save results for 2");
	}

	@Test
	void pushLooksTheChannelIdUpOnceAndCachesIt() {
		this.salesforce.answer(200, "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":"
				+ "\"StreamingChannel\"},\"Id\":\"0M6xx0000000001AAA\",\"Name\":\"/u/Notifications\"}]}")
			.answer(200, "[{\"fanoutCount\":-1,\"userOnlineStatus\":{}}]")
			.answer(200, "[{\"fanoutCount\":1,\"userOnlineStatus\":{\"005xx0000000001AAA\":true}}]");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThat(template.push("/u/Notifications", "hello").fanoutCount()).isEqualTo(-1);
		PushResult targeted = template.push("/u/Notifications", "hi", List.of("005xx0000000001AAA"));
		assertThat(targeted.fanoutCount()).isEqualTo(1);
		assertThat(targeted.userOnlineStatus()).containsEntry("005xx0000000001AAA", true);
		assertThat(this.salesforce.requests).hasSize(3);
		CannedSalesforce.Request query = this.salesforce.requests.get(0);
		assertThat(query.method()).isEqualTo(HttpMethod.GET);
		assertThat(query.url().getPath()).isEqualTo("/services/data/v64.0/query");
		assertThat(query.url().getQuery()).isEqualTo("q=SELECT Id, Name FROM StreamingChannel WHERE Name = "
				+ "'/u/Notifications'");
		assertThat(this.salesforce.requests.get(2).url().getPath())
			.isEqualTo("/services/data/v64.0/sobjects/StreamingChannel/0M6xx0000000001AAA/push");
		assertThat(this.salesforce.requests.get(2).body())
			.isEqualTo("{\"pushEvents\":[{\"payload\":\"hi\",\"userIds\":[\"005xx0000000001AAA\"]}]}");
	}

	@Test
	void aDeletedChannelIsLookedUpAgainOnTheNextPush() {
		String found = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"0M6xx0000000001AAA\",\"Name\":\"/u/N\"}]}";
		this.salesforce.answer(200, found)
			.answer(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")
			.answer(200, found)
			.answer(200, "[{\"fanoutCount\":-1,\"userOnlineStatus\":{}}]");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatExceptionOfType(SalesforcePublishException.class).isThrownBy(() -> template.push("/u/N", "a"));
		template.push("/u/N", "b");
		assertThat(this.salesforce.requests).extracting(CannedSalesforce.Request::method)
			.containsExactly(HttpMethod.GET, HttpMethod.POST, HttpMethod.GET, HttpMethod.POST);
	}

	@Test
	void pushToAChannelThatDoesNotExistSaysSo() {
		this.salesforce.answer(200, "{\"totalSize\":0,\"done\":true,\"records\":[]}");
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().build().push("/u/Missing", "x"))
			.withMessageContaining("No StreamingChannel named /u/Missing");
	}

	@Test
	void pushRefusesAPayloadLongerThanSalesforceTakes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.salesforce.template().build().push("/u/N", "x".repeat(3001)))
			.withMessageContaining("3000");
	}

	@Test
	void serverTextInErrorsCannotForgeLogLines() {
		this.salesforce.answer(400, "[{\"message\":\"bad\\r\\n2026-01-01 INFO forged\",\"errorCode\":\"X\\nY\"}]");
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> this.salesforce.template().build().publish("Order__e", Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("\\r\\n");
				assertThat(ex.getErrors().get(0).toString()).doesNotContain("\n");
			});
	}

	@Test
	void answersThatAreNotJsonFailCleanly() {
		this.salesforce.answer(201, "<html>not json</html>").answer(200, "{\"success\":\"yes\",\"errors\":7}");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Order__e", Map.of()))
			.withMessageContaining("not a JSON object");
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Order__e", Map.of()))
			.withMessageContaining("did not accept");
	}

	@Test
	void theAsyncFormsCompleteWithTheResultOrTheException() throws Exception {
		this.salesforce.answer(201, ENQUEUED).answer(400, "[{\"message\":\"m\",\"errorCode\":\"INVALID_FIELD\"}]");
		SalesforceStreamingTemplate template = this.salesforce.template().build();
		assertThat(template.publishAsync("Order__e", Map.of()).get(10, TimeUnit.SECONDS).accepted()).isTrue();
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> template.publishAsync("Order__e", Map.of()).join())
			.havingCause()
			.isInstanceOf(SalesforcePublishException.class);
	}

	@Test
	void eachCallIsOneObservationTaggedByChannelAndOutcome() {
		List<PublishObservationContext> observed = new ArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<PublishObservationContext>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof PublishObservationContext;
			}

			@Override
			public void onStop(PublishObservationContext context) {
				observed.add(context);
			}

		});
		this.salesforce.answer(503, UNAVAILABLE).answer(201, ENQUEUED)
			.answer(200, "[" + ENQUEUED + ",{\"success\":false,\"errors\":[]}]")
			.answer(400, "[{\"message\":\"m\",\"errorCode\":\"INVALID_FIELD\"}]");
		SalesforceStreamingTemplate template = this.salesforce.template().observationRegistry(registry).build();
		template.publish("Order__e", Map.of());
		template.publishAll("Order__e", List.of(Map.of(), Map.of()));
		assertThatExceptionOfType(SalesforcePublishException.class)
			.isThrownBy(() -> template.publish("Order__e", Map.of()));
		assertThat(observed).hasSize(3);
		assertThat(observed).extracting(PublishObservationContext::getName).containsOnly("salesforce.streaming.publish");
		assertThat(observed).extracting((context) -> context.getLowCardinalityKeyValue("channel").getValue())
			.containsOnly("/event/Order__e");
		assertThat(observed).extracting((context) -> context.getLowCardinalityKeyValue("outcome").getValue())
			.containsExactly("success", "partial", "error");
		assertThat(observed.get(2).getLowCardinalityKeyValue("exception").getValue())
			.isEqualTo("SalesforcePublishException");
	}

	private static String results(int count) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			json.append((i > 0) ? "," : "").append(ENQUEUED);
		}
		return json.append("]").toString();
	}

}
