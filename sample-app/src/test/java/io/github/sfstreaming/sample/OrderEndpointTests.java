package io.github.sfstreaming.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /orders} publishes an {@code OrderPlaced__e} through the template, and the sample's listener logs it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:sample-orders-test;DB_CLOSE_DELAY=-1",
		// no demo events and no demo restart: only the orders of this test
		"sample.demo.initial-delay=1h", "sample.demo.restart-after=0" })
class OrderEndpointTests {

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private SalesforceStreamingEmulator emulator;

	private HttpResponse<String> postOrder(String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anOrderIsPublishedAndTheListenerLogsIt(CapturedOutput output) throws Exception {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !this.emulator.stats().channel("/event/OrderPlaced__e").subscribers().isEmpty());
		HttpResponse<String> response = postOrder("{\"orderNumber\":\"ORD-TEST-1\",\"total\":99.50}");
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = JsonMapper.shared().readTree(response.body());
		assertThat(body.get("channel").stringValue()).isEqualTo("/event/OrderPlaced__e");
		assertThat(body.get("eventUuid").stringValue()).isNotBlank();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getOut())
			.containsPattern("channel=/event/OrderPlaced__e replayId=\\d+ order ORD-TEST-1 total=99.5"));
	}

	@Test
	void anOrderWithoutNumberIsABadRequest() throws Exception {
		assertThat(postOrder("{\"total\":1}").statusCode()).isEqualTo(400);
	}

}
