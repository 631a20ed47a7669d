package io.github.sfstreaming.bayeux;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A session's meta exchanges against canned server answers, for what the emulator does not produce on demand.
 */
class BayeuxSessionTests {

	private static final AccessToken TOKEN = new AccessToken("tok", URI.create("https://x.my.salesforce.com"));

	private static final String HANDSHAKE = "[{\"channel\":\"/meta/handshake\",\"id\":\"1\",\"successful\":true,"
			+ "\"clientId\":\"c1\",\"version\":\"1.0\",\"supportedConnectionTypes\":[\"long-polling\"],"
			+ "\"ext\":{\"replay\":true},\"advice\":{\"timeout\":110000,\"interval\":0,\"reconnect\":\"retry\"}}]";

	private static final String EVENT = "{\"channel\":\"/topic/A\",\"data\":{\"event\":{\"replayId\":7,"
			+ "\"type\":\"updated\",\"createdDate\":\"2026-11-27T10:00:00.000Z\"},\"sobject\":{\"Id\":\"a01\"}}}";

	private final Deque<String> answers = new ArrayDeque<>();

	private BayeuxSession handshake() {
		WebClient.Builder builder = WebClient.builder()
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body(this.answers.removeFirst())
				.build()));
		BayeuxTransport transport = new BayeuxTransport(builder, JsonMapper.shared(), 64 * 1024);
		this.answers.add(HANDSHAKE);
		return BayeuxSession.handshake(transport, JsonMapper.shared(), TOKEN, "64.0", new AtomicLong())
			.block(Duration.ofSeconds(5));
	}

	@Test
	void eventsDeliveredWithARefusedSubscribeReplyStillReachTheCaller() {
		BayeuxSession session = handshake();
		// a CometD server may flush another channel's queued events with any reply, a failed one included
		this.answers.add("[" + EVENT + ",{\"channel\":\"/meta/subscribe\",\"id\":\"2\",\"successful\":false,"
				+ "\"subscription\":\"/topic/B\",\"error\":\"503::Server is too busy. Please try your request again later.\"}]");
		List<JsonNode> received = new ArrayList<>();
		assertThatExceptionOfType(BayeuxException.class)
			.isThrownBy(() -> session.subscribe("/topic/B", -1, received::addAll).block(Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.TOO_BUSY));
		assertThat(received).extracting(Bayeux::channel).contains("/topic/A");
	}

	@Test
	void eventsDeliveredWithAnUnsubscribeReplyReachTheCaller() {
		BayeuxSession session = handshake();
		this.answers.add("[{\"channel\":\"/meta/unsubscribe\",\"id\":\"2\",\"successful\":true,"
				+ "\"subscription\":\"/topic/B\"}," + EVENT + "]");
		List<JsonNode> received = new ArrayList<>();
		session.unsubscribe("/topic/B", received::addAll).block(Duration.ofSeconds(5));
		assertThat(received).extracting(Bayeux::channel).containsExactly("/meta/unsubscribe", "/topic/A");
	}

}
