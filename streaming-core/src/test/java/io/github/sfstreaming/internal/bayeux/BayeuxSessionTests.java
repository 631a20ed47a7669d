package io.github.sfstreaming.internal.bayeux;

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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
		return handshake(HANDSHAKE);
	}

	/** Handshakes with the given answer (message id 1); the session's next messages have ids 2, 3, ... */
	private BayeuxSession handshake(String answer) {
		WebClient.Builder builder = WebClient.builder()
			.exchangeFunction((request) -> Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, "application/json")
				.body(this.answers.removeFirst())
				.build()));
		BayeuxTransport transport = new BayeuxTransport(builder, JsonMapper.shared(), 64 * 1024);
		this.answers.add(answer);
		return BayeuxSession.handshake(transport, JsonMapper.shared(), TOKEN, "64.0", new AtomicLong())
			.block(Duration.ofSeconds(5));
	}

	private BayeuxException handshakeFailure(String answer) {
		return catchThrowableOfType(BayeuxException.class, () -> handshake(answer));
	}

	private ConnectResult connect(BayeuxSession session, String answer) {
		this.answers.add(answer);
		return session.connect(false, Duration.ofSeconds(5)).block(Duration.ofSeconds(5));
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

	@Test
	void handshakeReplyWithoutChannelIsMatchedByItsId() {
		// a numeric id, as in Salesforce's own examples, reads the same as the string id sent
		BayeuxSession session = handshake("[{\"id\":1,\"successful\":true,\"clientId\":\"c9\",\"version\":\"1.0\"}]");
		assertThat(session.clientId()).isEqualTo("c9");
		session = handshake("[{\"id\":\"1\",\"successful\":true,\"clientId\":\"c8\"}]");
		assertThat(session.clientId()).isEqualTo("c8");
	}

	@Test
	void replyWithAnotherIdAndNoChannelIsNotTheReply() {
		BayeuxException ex = handshakeFailure("[{\"id\":\"41\",\"successful\":true,\"clientId\":\"c9\"}]");
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED);
		assertThat(ex).hasMessageContaining("no /meta/handshake reply");
	}

	@Test
	void successfulHandshakeWithoutClientIdIsAClearFailure() {
		BayeuxException ex = handshakeFailure("[{\"channel\":\"/meta/handshake\",\"id\":\"1\",\"successful\":true}]");
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex).hasMessageContaining("successful but carries no clientId");
		ex = handshakeFailure("[{\"channel\":\"/meta/handshake\",\"successful\":true,\"clientId\":42}]");
		assertThat(ex).hasMessageContaining("no clientId");
		ex = handshakeFailure("[{\"channel\":\"/meta/handshake\",\"successful\":true,\"clientId\":\"c1\\r\\nforged\"}]");
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED);
		assertThat(ex.getMessage()).contains("unusable clientId", "c1\\r\\nforged").doesNotContain("\n");
	}

	@Test
	void handshakeReplyWithoutErrorFailsWithoutOne() {
		BayeuxException ex = handshakeFailure("[{\"channel\":\"/meta/handshake\",\"successful\":false}]");
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.OTHER);
		assertThat(ex).hasMessageContaining("no error given");
	}

	@Test
	void documentedHandshakeDenialsReadAsTheirFailureReason() {
		// both with advice reconnect none, which must not stop the client: the kind decides
		BayeuxException auth = handshakeFailure("""
				[{"ext":{"sfdc":{"failureReason":"401::Authentication invalid"}},"advice":{"reconnect":"none"},
				"channel":"/meta/handshake","error":"403::Handshake denied","successful":false}]""");
		assertThat(auth.getKind()).isEqualTo(BayeuxErrorKind.AUTHENTICATION);
		BayeuxException limit = handshakeFailure("""
				[{"channel":"/meta/handshake","id":"1","error":"403::Handshake denied","successful":false,
				"advice":{"reconnect":"none"},"ext":{"sfdc":{"failureReason":"403::To protect all customers from \
				excessive use and Denial of Service attacks, we limit the number of simultaneous connections per \
				server.  Your request has been denied because this limit has been exceeded.  Please try your \
				request again later."},"replay":true,"payload.format":true}}]""");
		assertThat(limit.getKind()).isEqualTo(BayeuxErrorKind.ORG_LIMIT);
		assertThat(limit.isRetryable()).isTrue();
		assertThat(limit.getAdvice().reconnect()).isEqualTo(Advice.NONE);
	}

	@Test
	void connectAuthenticationErrorWithTooBusyReasonMeansBackOff() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, """
				[{"channel":"/meta/connect","id":"6","error":"401::Authentication invalid","successful":false,
				"ext":{"sfdc":{"failureReason":"503::Server is too busy.  Please try your request again later."}},
				"clientId":"c1","advice":{"reconnect":"none","interval":0}}]""");
		assertThat(result.failure().getKind()).isEqualTo(BayeuxErrorKind.TOO_BUSY);
		assertThat(result.failure().getAdvice().reconnect()).isEqualTo(Advice.NONE);
	}

	@Test
	void documentedConnectAuthenticationErrorWithNumericId() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, """
				[{"clientId":"c1","advice":{"reconnect":"none","interval":0},"channel":"/meta/connect","id":7,
				"error":"401::Authentication invalid","successful":false}]""");
		assertThat(result.failure().getKind()).isEqualTo(BayeuxErrorKind.AUTHENTICATION);
	}

	@Test
	void unknownClientReplyWithoutChannelOrIdIsTheConnectReply() {
		// as in the guide: no channel, no id, no clientId
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, """
				[{"error":"403::Unknown client","successful":false,"advice":{"interval":0,"reconnect":"handshake"}}]""");
		assertThat(result.failure().getKind()).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
	}

	@Test
	void connectReplyWithoutChannelMatchedByNumericIdSucceeds() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, "[{\"id\":2,\"successful\":true,\"advice\":{\"interval\":250}}, "
				+ EVENT + "]");
		assertThat(result.failure()).isNull();
		assertThat(result.advice().interval()).isEqualTo(Duration.ofMillis(250));
		assertThat(result.events()).extracting(Bayeux::channel).containsExactly("/topic/A");
	}

	@Test
	void connectReplyOnItsChannelComesBeforeOneWithoutChannel() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, "[{\"successful\":false,\"error\":\"403::Unknown client\"}, " + EVENT
				+ ", {\"channel\":\"/meta/connect\",\"successful\":true,\"advice\":{\"interval\":250}}]");
		assertThat(result.failure()).isNull();
		assertThat(result.advice().interval()).isEqualTo(Duration.ofMillis(250));
		assertThat(result.events()).extracting(Bayeux::channel).containsExactly("/topic/A");
	}

	@Test
	void connectReplyWithoutErrorFailsWithoutOne() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, "[{\"channel\":\"/meta/connect\",\"successful\":false}]");
		assertThat(result.failure().getKind()).isEqualTo(BayeuxErrorKind.OTHER);
		assertThat(result.failure()).hasMessageContaining("no error given");
		assertThat(result.failure().isRetryable()).isTrue();
	}

	@Test
	void messagesWithoutChannelAreNotEvents() {
		BayeuxSession session = handshake();
		ConnectResult result = connect(session, "[{\"channel\":\"/meta/connect\",\"successful\":true},"
				+ "{\"data\":{\"event\":{\"replayId\":8}}}]");
		assertThat(result.failure()).isNull();
		assertThat(result.events()).isEmpty();
		assertThat(result.messages()).hasSize(2);
	}

	@Test
	void serverDisconnectThenUnknownClientWithReconnectNoneMeansHandshakeAgain() {
		BayeuxSession session = handshake();
		ConnectResult disconnected = connect(session, """
				[{"channel":"/meta/disconnect","clientId":"c1","successful":true},
				{"channel":"/meta/connect","id":"2","successful":true,"advice":{"reconnect":"retry","interval":0}}]""");
		assertThat(disconnected.failure().getKind()).isEqualTo(BayeuxErrorKind.SERVER_DISCONNECT);
		assertThat(disconnected.failure().isRetryable()).isTrue();
		ConnectResult unknown = connect(session, """
				[{"channel":"/meta/connect","id":"3","successful":false,"error":"403::Unknown client",
				"advice":{"reconnect":"none","interval":0}}]""");
		assertThat(unknown.failure().getKind()).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
		assertThat(unknown.failure().isRetryable()).isTrue();
		// both in one answer, the reply without channel
		ConnectResult both = connect(session, """
				[{"channel":"/meta/disconnect","successful":true},
				{"error":"403::Unknown client","successful":false,"advice":{"reconnect":"none"}}]""");
		assertThat(both.failure().getKind()).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
	}

	@Test
	void subscribeRefusedAsUnknownClientWithReconnectNoneMeansHandshakeAgain() {
		BayeuxSession session = handshake();
		this.answers.add("[{\"id\":2,\"successful\":false,\"error\":\"403::Unknown client\","
				+ "\"advice\":{\"reconnect\":\"none\"}}]");
		assertThatExceptionOfType(BayeuxException.class)
			.isThrownBy(() -> session.subscribe("/topic/B", -1, (replies) -> {
			}).block(Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT));
	}

	@Test
	void absurdConnectAdviceIsBoundedAndTheNextConnectStillGoesOut() {
		BayeuxSession session = handshake();
		long thirtyYears = Duration.ofDays(30 * 365).toMillis();
		ConnectResult result = connect(session, "[{\"channel\":\"/meta/connect\",\"successful\":true,"
				+ "\"advice\":{\"interval\":" + thirtyYears + ",\"timeout\":" + Long.MAX_VALUE + "}}]");
		assertThat(result.failure()).isNull();
		assertThat(session.advice().interval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(session.advice().timeout()).isEqualTo(Duration.ofMinutes(10));
		// the next connect's response timeout is the advice timeout plus the margin: it must not overflow
		ConnectResult next = connect(session, "[{\"channel\":\"/meta/connect\",\"successful\":true}]");
		assertThat(next.failure()).isNull();
	}

}
