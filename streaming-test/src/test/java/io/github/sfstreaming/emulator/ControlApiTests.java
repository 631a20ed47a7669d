package io.github.sfstreaming.emulator;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP control API under /emulator/, as curl would use it.
 */
class ControlApiTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofMillis(500))
		.channels("/topic/InvoiceUpdates")
		.build();

	private static TestClient.Response post(String path, String json) {
		return TestClient.post(URI.create(emulator.baseUrl() + "/emulator/" + path), "application/json", json);
	}

	private static JsonNode stats() {
		TestClient.Response response = TestClient.get(URI.create(emulator.baseUrl() + "/emulator/stats"));
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	@Test
	void publishReturnsTheReplayIds() {
		TestClient.Response response = post("publish",
				"{\"channel\":\"/topic/InvoiceUpdates\",\"count\":3,\"payload\":{\"Id\":\"a01\"}}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("replayIds").toString()).isEqualTo("[1,2,3]");
		assertThat(post("publish", "{\"channel\":\"/u/Notes\",\"payload\":\"hi\"}").body().get("replayIds").toString())
			.isEqualTo("[1]");
		JsonNode channel = stats().get("channels").get("/topic/InvoiceUpdates");
		assertThat(channel.get("publishedCount").asLong()).isEqualTo(3);
		assertThat(channel.get("lastReplayId").asLong()).isEqualTo(3);
	}

	@Test
	void publishAtARateReturnsOnceAllArePublished() {
		long start = System.nanoTime();
		TestClient.Response response = post("publish",
				"{\"channel\":\"/event/Paced__e\",\"count\":5,\"payload\":{},\"ratePerSecond\":20}");
		assertThat(response.body().get("replayIds").toString()).isEqualTo("[1,2,3,4,5]");
		// Four intervals of 50 ms lie between the first and the fifth event.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void faultsOfEveryKind() {
		assertThat(post("faults", "{\"kind\":\"expire-tokens\"}").status()).isEqualTo(200);
		assertThat(post("faults", "{\"kind\":\"drop-sessions\"}").status()).isEqualTo(200);
		assertThat(post("faults", "{\"kind\":\"server-disconnect\"}").status()).isEqualTo(200);
		assertThat(post("faults", "{\"kind\":\"delay\",\"ms\":1,\"count\":1}").status()).isEqualTo(200);
		emulator.publish("/topic/InvoiceUpdates", 5, "{}");
		assertThat(post("faults", "{\"kind\":\"trim-retention\",\"keepLast\":2}").status()).isEqualTo(200);
		assertThat(stats().get("channels").get("/topic/InvoiceUpdates").get("retainedCount").asInt()).isEqualTo(2);
		assertThat(post("faults", "{\"kind\":\"http-error\",\"status\":502,\"count\":1}").status()).isEqualTo(200);
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		assertThat(bayeux.handshake().status()).isEqualTo(502);
		assertThat(post("faults",
				"{\"kind\":\"bayeux-error\",\"channel\":\"/meta/handshake\",\"error\":\"503::Server is too busy. Please try your request again later.\",\"count\":1}")
			.status()).isEqualTo(200);
		assertThat(bayeux.handshake().first().get("error").stringValue()).startsWith("503::");
		assertThat(bayeux.handshake().first().get("successful").asBoolean()).isTrue();
	}

	@Test
	void channelsAndReset() {
		assertThat(post("channels", "{\"channel\":\"/u/Created\"}").status()).isEqualTo(200);
		assertThat(stats().get("channels").has("/u/Created")).isTrue();
		assertThat(post("reset", "").status()).isEqualTo(200);
		assertThat(stats().get("channels").has("/u/Created")).isFalse();
		assertThat(stats().get("channels").has("/topic/InvoiceUpdates")).isTrue();
	}

	@Test
	void statsShowSessionsSubscriptionsAndCounters() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		bayeux.handshake();
		bayeux.subscribe("/topic/InvoiceUpdates", -2L);
		JsonNode stats = stats();
		assertThat(stats.get("logins").asLong()).isEqualTo(1);
		assertThat(stats.get("handshakes").asLong()).isEqualTo(1);
		assertThat(stats.get("sessions").get(0).get("clientId").stringValue()).isEqualTo(bayeux.clientId);
		assertThat(stats.get("sessions").get(0).get("subscriptions").toString()).isEqualTo("[\"/topic/InvoiceUpdates\"]");
		assertThat(stats.get("subscribes").get(0).get("replayId").asLong()).isEqualTo(-2);
		assertThat(stats.get("subscribes").get(0).get("channel").stringValue()).isEqualTo("/topic/InvoiceUpdates");
		assertThat(stats.has("errors401")).isTrue();
		assertThat(stats.has("errors403")).isTrue();
		assertThat(stats.has("deliveries")).isTrue();
	}

	@Test
	void badRequestsNameTheProblem() {
		assertBadRequest(post("publish", "{\"count\":1}"), "'channel'");
		assertBadRequest(post("publish", "{\"channel\":\"/nope/X\"}"), "not a Salesforce streaming channel");
		assertBadRequest(post("publish", "{\"channel\":\"/topic/X\",\"count\":0}"), "count");
		assertBadRequest(post("publish", "{\"channel\":\"/topic/X\",\"payload\":\"text\"}"), "JSON object");
		assertBadRequest(post("publish", "not json"), "not valid JSON");
		assertBadRequest(post("faults", "{\"kind\":\"explode\"}"), "unknown fault kind 'explode'");
		assertBadRequest(post("faults", "{\"kind\":\"delay\"}"), "'ms'");
		assertBadRequest(post("faults", "{\"kind\":\"http-error\",\"status\":200}"), "400-599");
		assertBadRequest(post("channels", "{}"), "'channel'");
		assertThat(post("nothing", "{}").status()).isEqualTo(404);
	}

	private static void assertBadRequest(TestClient.Response response, String fragment) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("error").stringValue()).contains(fragment);
	}

}
