package io.github.sfstreaming.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code /actuator/health} and {@code /actuator/metrics} show the streaming indicator and meters,
 * and the indicator follows a fault: DOWN while the client cannot reconnect past the threshold, UP after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:sample-actuator-test;DB_CLOSE_DELAY=-1", "sample.demo.initial-delay=0s",
		"sample.demo.interval=500ms", "sample.demo.restart-after=0",
		"salesforce.streaming.health.reconnecting-threshold=2s", "salesforce.streaming.backoff.initial=100ms",
		"salesforce.streaming.backoff.max=500ms" })
class SampleActuatorTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private SalesforceStreamingEmulator emulator;

	@Test
	void healthAndMetricsShowTheStreamAcrossAFault() throws Exception {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode health = get("/actuator/health").path("components").path("salesforceStreaming");
			assertThat(health.path("status").asString()).isEqualTo("UP");
			assertThat(health.path("details").path("channels").path("/event/OrderPlaced__e")
				.path("lastStoredReplayId").asLong()).isPositive();
		});
		assertThat(get("/actuator/metrics").path("names").toString()).contains("salesforce.streaming.events.received",
				"salesforce.streaming.listener", "salesforce.streaming.replay.writes");

		// every request fails: the client keeps reconnecting, and past the threshold the indicator says so
		this.emulator.faults().httpError(503, 1_000_000);
		this.emulator.faults().dropSessions();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/actuator/health").path("components").path("salesforceStreaming")
				.path("status").asString()).isEqualTo("DOWN"));

		this.emulator.faults().clear();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/actuator/health").path("components").path("salesforceStreaming")
				.path("status").asString()).isEqualTo("UP"));
		assertThat(get("/actuator/metrics/salesforce.streaming.reconnects").path("measurements").get(0)
			.path("value").asDouble()).isPositive();
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

}
