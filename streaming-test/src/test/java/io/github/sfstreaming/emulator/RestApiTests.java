package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.cometd.bayeux.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API that publishes: platform events one at a time and in collections, the StreamingChannel query and
 * push, with Salesforce's status codes and error bodies, and delivery to Bayeux subscribers.
 */
class RestApiTests extends BayeuxTestSupport {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofMillis(500))
		.channels("/event/Order__e", "/u/Notifications")
		.build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static Response send(String method, String path, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json");
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), Json.read(response.body()));
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Response post(String path, String token, String body) {
		return send("POST", "/services/data/v64.0" + path, token, body);
	}

	private static String token() {
		return TestClient.login(emulator.baseUrl());
	}

	record Response(int status, JsonNode body) {
	}

	@Test
	void anEventReachesSubscribersWithTheUuidOfItsSaveResult() {
		TestClient subscriber = client(emulator.emulator());
		subscriber.handshake();
		subscriber.subscribe("/event/Order__e", null);
		Response response = post("/sobjects/Order__e/", token(), "{\"OrderNumber__c\":\"42\"}");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.body().get("success").booleanValue()).isTrue();
		assertThat(response.body().get("id").stringValue()).startsWith("e00").hasSize(18);
		JsonNode enqueued = response.body().get("errors").get(0);
		assertThat(enqueued.get("statusCode").stringValue()).isEqualTo("OPERATION_ENQUEUED");
		await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.events("/event/Order__e").size() == 1);
		Message event = subscriber.events("/event/Order__e").get(0);
		JsonNode data = Json.read(Json.write(event.getDataAsMap()));
		assertThat(data.get("event").get("EventUuid").stringValue()).isEqualTo(enqueued.get("message").stringValue());
		assertThat(data.get("payload").get("OrderNumber__c").stringValue()).isEqualTo("42");
	}

	@Test
	void refusalsHaveSalesforcesStatusAndErrorBody() {
		String token = token();
		Response unknown = post("/sobjects/Nope__e/", token, "{}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().toString())
			.isEqualTo("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
		Response field = post("/sobjects/Order__e", token, "{\"Bogus\":1}");
		assertThat(field.status()).isEqualTo(400);
		assertThat(field.body().get(0).get("errorCode").stringValue()).isEqualTo("INVALID_FIELD");
		assertThat(field.body().get(0).get("message").stringValue())
			.isEqualTo("No such column 'Bogus' on sobject of type Order__e");
		Response tooLong = post("/sobjects/Order__e", token, "{\"Note__c\":\"" + "x".repeat(256) + "\"}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body().get(0).get("errorCode").stringValue()).isEqualTo("STRING_TOO_LONG");
		assertThat(tooLong.body().get(0).get("fields").toString()).isEqualTo("[\"Note__c\"]");
		emulator.emulator().restApi().denyCreate("Order__e");
		Response denied = post("/sobjects/Order__e", token, "{}");
		assertThat(denied.status()).isEqualTo(400);
		assertThat(denied.body().get(0).get("errorCode").stringValue()).isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
		Response noSession = post("/sobjects/Order__e", "not-a-token", "{}");
		assertThat(noSession.status()).isEqualTo(401);
		assertThat(noSession.body().toString())
			.isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
		assertThat(emulator.stats().channel("/event/Order__e").publishedCount()).isZero();
	}

	@Test
	void aCollectionGivesEachRecordItsResultAndPublishesTheValidOnes() {
		String records = "[{\"attributes\":{\"type\":\"Order__e\"},\"N__c\":\"1\"},"
				+ "{\"attributes\":{\"type\":\"Order__e\"},\"N__c\":\"" + "x".repeat(300) + "\"},"
				+ "{\"attributes\":{\"type\":\"Order__e\"},\"N__c\":\"3\"}]";
		Response partial = post("/composite/sobjects", token(), "{\"allOrNone\":false,\"records\":" + records + "}");
		assertThat(partial.status()).isEqualTo(200);
		assertThat(partial.body()).hasSize(3);
		assertThat(partial.body().get(0).get("success").booleanValue()).isTrue();
		assertThat(partial.body().get(1).get("success").booleanValue()).isFalse();
		assertThat(partial.body().get(1).get("errors").get(0).get("statusCode").stringValue())
			.isEqualTo("STRING_TOO_LONG");
		assertThat(partial.body().get(2).get("success").booleanValue()).isTrue();
		assertThat(emulator.stats().channel("/event/Order__e").publishedCount()).isEqualTo(2);
		Response rolledBack = post("/composite/sobjects", token(), "{\"allOrNone\":true,\"records\":" + records + "}");
		assertThat(rolledBack.body().get(0).get("errors").get(0).get("statusCode").stringValue())
			.isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
		assertThat(rolledBack.body().get(1).get("errors").get(0).get("statusCode").stringValue())
			.isEqualTo("STRING_TOO_LONG");
		assertThat(emulator.stats().channel("/event/Order__e").publishedCount()).isEqualTo(2);
	}

	@Test
	void aCollectionIsRefusedWholeForAnUnknownTypeOrMoreThanTwoHundredRecords() {
		Response unknown = post("/composite/sobjects", token(),
				"{\"records\":[{\"attributes\":{\"type\":\"Nope__e\"}}]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().get(0).get("errorCode").stringValue()).isEqualTo("INVALID_TYPE");
		String record = "{\"attributes\":{\"type\":\"Order__e\"}}";
		Response tooMany = post("/composite/sobjects", token(),
				"{\"records\":[" + String.join(",", java.util.Collections.nCopies(201, record)) + "]}");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body().get(0).get("errorCode").stringValue()).isEqualTo("EXCEEDED_ID_LIMIT");
		assertThat(emulator.stats().channel("/event/Order__e").publishedCount()).isZero();
	}

	@Test
	void aGenericChannelIsFoundByNameAndPushedToAllOrToUsers() {
		TestClient subscriber = client(emulator.emulator());
		subscriber.handshake();
		subscriber.subscribe("/u/Notifications", null);
		String token = token();
		String soql = URLEncoder.encode("SELECT Id, Name FROM StreamingChannel WHERE Name = '/u/Notifications'",
				StandardCharsets.UTF_8);
		Response query = send("GET", "/services/data/v64.0/query?q=" + soql, token, null);
		assertThat(query.status()).isEqualTo(200);
		assertThat(query.body().get("totalSize").intValue()).isEqualTo(1);
		String id = query.body().get("records").get(0).get("Id").stringValue();
		assertThat(id).startsWith("0M6").hasSize(18);
		String push = "/sobjects/StreamingChannel/" + id + "/push";
		Response all = post(push, token, "{\"pushEvents\":[{\"payload\":\"hello all\",\"userIds\":[]}]}");
		assertThat(all.body().toString()).isEqualTo("[{\"fanoutCount\":-1,\"userOnlineStatus\":{}}]");
		Response us = post(push, token, "{\"pushEvents\":[{\"payload\":\"hello us\",\"userIds\":[\""
				+ EventShapes.DEFAULT_USER_ID + "\"]}]}");
		assertThat(us.body().get(0).get("fanoutCount").intValue()).isEqualTo(1);
		Response others = post(push, token, "{\"pushEvents\":[{\"payload\":\"hello others\",\"userIds\":"
				+ "[\"005000000000009AAA\"]}]}");
		assertThat(others.body().toString())
			.isEqualTo("[{\"fanoutCount\":0,\"userOnlineStatus\":{\"005000000000009AAA\":false}}]");
		await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.events("/u/Notifications").size() == 2);
		assertThat(subscriber.events("/u/Notifications"))
			.extracting((message) -> message.getDataAsMap().get("payload"))
			.containsExactly("hello all", "hello us");
		assertThat(emulator.stats().channel("/u/Notifications").publishedCount()).isEqualTo(2);
		assertThat(post("/sobjects/StreamingChannel/0M6000000000000AAA/push", token,
				"{\"pushEvents\":[{\"payload\":\"x\"}]}").status()).isEqualTo(404);
	}

	@Test
	void faultsExpireTokensBetweenRequestsAndAnswerWithAnHttpError() {
		String token = token();
		RestApiControls restApi = emulator.emulator().restApi();
		restApi.expireTokensAfter(1);
		assertThat(post("/sobjects/Order__e", token, "{}").status()).isEqualTo(201);
		assertThat(post("/sobjects/Order__e", token, "{}").status()).isEqualTo(401);
		restApi.httpError(503, 1);
		Response busy = post("/sobjects/Order__e", token(), "{}");
		assertThat(busy.status()).isEqualTo(503);
		assertThat(busy.body().get(0).get("errorCode").stringValue()).isEqualTo("SERVER_UNAVAILABLE");
		assertThat(restApi.requests()).extracting(RestRequest::status).containsExactly(201, 401, 503);
		assertThat(restApi.requests().get(0))
			.isEqualTo(new RestRequest("POST", "/services/data/v64.0/sobjects/Order__e", 201, 1));
		assertThat(emulator.stats().channel("/event/Order__e").publishedCount()).isEqualTo(1);
	}

}
