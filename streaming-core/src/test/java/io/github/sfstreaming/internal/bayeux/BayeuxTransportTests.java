package io.github.sfstreaming.internal.bayeux;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transport against canned HTTP answers.
 */
class BayeuxTransportTests {

	private static final AccessToken TOKEN = new AccessToken("tok", URI.create("https://x.my.salesforce.com"));

	private static final JsonMapper mapper = JsonMapper.shared();

	private final AtomicReference<ClientRequest> lastRequest = new AtomicReference<>();

	private BayeuxTransport transport(HttpStatus status, String body, String... cookies) {
		WebClient.Builder builder = WebClient.builder().exchangeFunction((request) -> {
			this.lastRequest.set(request);
			ClientResponse.Builder response = ClientResponse.create(status)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body(body);
			for (String cookie : cookies) {
				response.header(HttpHeaders.SET_COOKIE, cookie + "; Path=/; HttpOnly");
			}
			return Mono.just(response.build());
		});
		return new BayeuxTransport(builder, mapper, 64 * 1024);
	}

	private List<JsonNode> send(BayeuxTransport transport) {
		return transport.send(URI.create("https://x.my.salesforce.com/cometd/64.0"), TOKEN,
				List.of(mapper.createObjectNode().put("channel", "/meta/connect")), Duration.ofSeconds(5))
			.block(Duration.ofSeconds(5));
	}

	@Test
	void sendsBearerTokenAndReturnsReplies() {
		List<JsonNode> replies = send(transport(HttpStatus.OK, "[{\"channel\":\"/meta/connect\",\"successful\":true}]"));
		assertThat(replies).singleElement().satisfies((r) -> assertThat(Bayeux.isSuccessful(r)).isTrue());
		assertThat(this.lastRequest.get().headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer tok");
	}

	@Test
	void keepsAndReturnsCookies() {
		BayeuxTransport transport = transport(HttpStatus.OK, "[{\"channel\":\"/meta/connect\"}]",
				"BAYEUX_BROWSER=abc", "sfdc-lb=xyz");
		send(transport);
		assertThat(this.lastRequest.get().cookies()).isEmpty();
		send(transport);
		assertThat(this.lastRequest.get().cookies().toSingleValueMap()).containsEntry("BAYEUX_BROWSER", "abc")
			.containsEntry("sfdc-lb", "xyz");
		transport.cookieJar().clear();
		send(transport);
		// the answer set them again
		assertThat(transport.cookieJar().names()).containsExactlyInAnyOrder("BAYEUX_BROWSER", "sfdc-lb");
	}

	@Test
	void malformedAnswerIsAClearError() {
		assertThatExceptionOfType(BayeuxException.class)
			.isThrownBy(() -> send(transport(HttpStatus.OK, "<html>maintenance</html>")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED))
			.withMessageContaining("not JSON");
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> send(transport(HttpStatus.OK, "[1,2]")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED));
	}

	@Test
	void limitAppliesToEachMessageNotToTheAnswer() {
		String event = "{\"channel\":\"/topic/X\",\"data\":{\"payload\":\"" + "x".repeat(30 * 1024)
				+ "\",\"event\":{\"replayId\":%d}}}";
		String big = "{\"data\":{\"event\":{\"replayId\":3},\"payload\":\"" + "x".repeat(100 * 1024)
				+ "\"},\"channel\":\"/topic/X\"}";
		List<JsonNode> replies = send(transport(HttpStatus.OK, "[" + event.formatted(1) + "," + event.formatted(2)
				+ "," + big + "," + event.formatted(4) + ",{\"channel\":\"/meta/connect\",\"successful\":true}]"));
		assertThat(replies).hasSize(5);
		assertThat(replies.get(2)).isInstanceOf(OversizedMessage.class);
		assertThat(replies.get(2).path("channel").asString()).isEqualTo("/topic/X");
		assertThat(replies.get(2).path("oversized").path("replayId").asLong()).isEqualTo(3);
		assertThat(replies.get(3).path("data").path("event").path("replayId").asLong()).isEqualTo(4);
		assertThat(Bayeux.isSuccessful(replies.get(4))).isTrue();
	}

	@Test
	void oversizedMetaMessageIsAClearError() {
		String big = "[{\"channel\":\"/meta/connect\",\"successful\":true,\"advice\":{\"x\":\""
				+ "x".repeat(100 * 1024) + "\"}}]";
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> send(transport(HttpStatus.OK, big)))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED))
			.withMessageContaining("/meta/connect")
			.withMessageContaining("maxMessageSize")
			.withMessageContaining("salesforce.streaming.max-message-size");
	}

	@Test
	void bayeuxRepliesOfA4xxAreRead() {
		List<JsonNode> replies = send(transport(HttpStatus.BAD_REQUEST,
				"[{\"channel\":\"/meta/connect\",\"successful\":false,\"error\":\"403::Unknown client\"}]"));
		assertThat(Bayeux.error(replies.get(0))).isEqualTo("403::Unknown client");
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> send(transport(HttpStatus.NOT_FOUND, "nope")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.OTHER))
			.withMessageContaining("HTTP 404");
	}

	@Test
	void httpStatusesAreClassified() {
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> send(transport(HttpStatus.UNAUTHORIZED, "")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.AUTHENTICATION));
		assertThatExceptionOfType(BayeuxException.class)
			.isThrownBy(() -> send(transport(HttpStatus.BAD_GATEWAY, "")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.HTTP_5XX));
	}

}
