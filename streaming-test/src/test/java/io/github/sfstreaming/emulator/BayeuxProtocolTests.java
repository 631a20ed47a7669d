package io.github.sfstreaming.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the emulator answers on the wire, message by message.
 */
class BayeuxProtocolTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofMillis(300))
		.channels("/topic/InvoiceUpdates")
		.retention(5, Duration.ofHours(1))
		.build();

	private RawBayeux loggedIn() {
		return new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
	}

	@Test
	void handshakeAnswersAsSalesforceAndSetsTheSessionCookies() {
		RawBayeux bayeux = loggedIn();
		RawBayeux.Reply reply = bayeux.handshake();
		assertThat(reply.status()).isEqualTo(200);
		JsonNode handshake = reply.first();
		assertThat(handshake.get("successful").asBoolean()).isTrue();
		assertThat(handshake.get("clientId").stringValue()).isNotBlank();
		assertThat(handshake.get("version").stringValue()).isEqualTo("1.0");
		assertThat(handshake.get("supportedConnectionTypes").toString()).isEqualTo("[\"long-polling\"]");
		assertThat(handshake.get("ext").get("replay").asBoolean()).isTrue();
		assertThat(handshake.get("ext").get("payload.format").asBoolean()).isTrue();
		assertThat(handshake.get("advice").get("timeout").asLong()).isEqualTo(300);
		assertThat(handshake.get("advice").get("interval").asLong()).isZero();
		assertThat(handshake.get("advice").get("reconnect").stringValue()).isEqualTo("retry");
		assertThat(bayeux.cookies).containsKeys("BAYEUX_BROWSER", "sfdc-stream");
		assertThat(emulator.stats().handshakes()).isEqualTo(1);
	}

	@Test
	void connectIsHeldForTheLongPollTimeoutWithSalesforceAdvice() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		JsonNode connect = bayeux.connect().on("/meta/connect");
		assertThat(connect.get("successful").asBoolean()).isTrue();
		assertThat(connect.get("advice").get("reconnect").stringValue()).isEqualTo("retry");
		assertThat(connect.get("advice").get("timeout").asLong()).isEqualTo(300);
		long start = System.nanoTime();
		assertThat(bayeux.connect().on("/meta/connect").get("successful").asBoolean()).isTrue();
		// The second connect is held: it cannot answer before the long poll timeout.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(emulator.stats().connects()).isEqualTo(2);
	}

	@Test
	void handshakeWithoutATokenIsDeniedWithFailureReason401() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), null);
		JsonNode reply = bayeux.handshake().first();
		assertThat(reply.get("successful").asBoolean()).isFalse();
		assertThat(reply.get("error").stringValue()).isEqualTo("403::Handshake denied");
		assertThat(reply.get("ext").get("sfdc").get("failureReason").stringValue())
			.isEqualTo("401::Authentication invalid");
		assertThat(reply.get("advice").get("reconnect").stringValue()).isEqualTo("none");
		assertThat(bayeux.cookies).doesNotContainKey("BAYEUX_BROWSER");
		assertThat(emulator.stats().errors403()).isEqualTo(1);
	}

	@Test
	void handshakeWithAnUnknownTokenIsDenied() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), "00D!forged");
		assertThat(bayeux.handshake().first().get("error").stringValue()).isEqualTo("403::Handshake denied");
	}

	@Test
	void connectWithoutTheTokenIsAuthenticationInvalid() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		bayeux.token(null);
		JsonNode connect = bayeux.connect().on("/meta/connect");
		assertThat(connect.get("successful").asBoolean()).isFalse();
		assertThat(connect.get("error").stringValue()).isEqualTo("401::Authentication invalid");
		assertThat(connect.get("advice").get("reconnect").stringValue()).isEqualTo("none");
		assertThat(emulator.stats().errors401()).isEqualTo(1);
	}

	@Test
	void requestsWithoutTheSessionCookiesAreUnknownClients() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		bayeux.cookies.clear();
		bayeux.keepCookies = false;
		JsonNode connect = bayeux.connect().on("/meta/connect");
		assertThat(connect.get("successful").asBoolean()).isFalse();
		assertThat(connect.get("error").stringValue()).isEqualTo("403::Unknown client");
		assertThat(connect.get("advice").get("reconnect").stringValue()).isEqualTo("handshake");
	}

	@Test
	void requestsWithoutTheBalancerCookieAreUnknownClients() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		bayeux.cookies.remove("sfdc-stream");
		bayeux.keepCookies = false;
		assertThat(bayeux.subscribe("/topic/InvoiceUpdates", null).first().get("error").stringValue())
			.isEqualTo("403::Unknown client");
	}

	@Test
	void unknownClientIdIsAnUnknownClient() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		bayeux.clientId = "nosuchclient";
		JsonNode connect = bayeux.connect().on("/meta/connect");
		assertThat(connect.get("error").stringValue()).isEqualTo("403::Unknown client");
		assertThat(connect.get("advice").get("reconnect").stringValue()).isEqualTo("handshake");
	}

	@Test
	void subscribingToAChannelThatDoesNotExistFails() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		JsonNode reply = bayeux.subscribe("/topic/Nope", null).first();
		assertThat(reply.get("successful").asBoolean()).isFalse();
		assertThat(reply.get("subscription").stringValue()).isEqualTo("/topic/Nope");
		assertThat(reply.get("error").stringValue())
			.isEqualTo("400::The channel you requested to subscribe to doesn't exist");
	}

	@Test
	void subscribingWithAReplayIdOutsideRetentionFails() {
		emulator.publish("/topic/InvoiceUpdates", 8, "{\"Id\":\"a01\"}");
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		JsonNode reply = bayeux.subscribe("/topic/InvoiceUpdates", 2L).first();
		assertThat(reply.get("successful").asBoolean()).isFalse();
		assertThat(reply.get("error").stringValue()).isEqualTo("400::The replayId {2} you provided was invalid.  "
				+ "Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.");
		assertThat(bayeux.subscribe("/topic/InvoiceUpdates", 99L).first().get("successful").asBoolean()).isFalse();
		assertThat(bayeux.subscribe("/topic/InvoiceUpdates", 4L).first().get("successful").asBoolean()).isTrue();
		// Retention keeps 4..8: subscribing after 4 replays 5..8.
		assertThat(bayeux.connect().events("/topic/InvoiceUpdates")).extracting(
				(event) -> event.get("data").get("event").get("replayId").asLong())
			.containsExactly(5L, 6L, 7L, 8L);
	}

	@Test
	void eventsAreDeliveredOnlyInConnectReplies() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		emulator.publish("/topic/InvoiceUpdates", 3, "{\"Id\":\"a01\"}");
		RawBayeux.Reply subscribe = bayeux.subscribe("/topic/InvoiceUpdates", -2L);
		assertThat(subscribe.body()).hasSize(1);
		assertThat(subscribe.first().get("successful").asBoolean()).isTrue();
		RawBayeux.Reply connect = bayeux.connect();
		assertThat(connect.events("/topic/InvoiceUpdates")).hasSize(3);
		assertThat(connect.on("/meta/connect").get("successful").asBoolean()).isTrue();
		EmulatorStats stats = emulator.stats();
		assertThat(stats.deliveriesTo(bayeux.clientId)).isEqualTo(3);
		assertThat(stats.subscribes()).containsExactly(
				new EmulatorStats.SubscribeStats(bayeux.clientId, "/topic/InvoiceUpdates", -2L));
		assertThat(stats.sessions()).containsExactly(
				new EmulatorStats.SessionStats(bayeux.clientId, java.util.List.of("/topic/InvoiceUpdates")));
	}

	@Test
	void unsubscribedSessionsGetNoMoreEvents() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		bayeux.subscribe("/topic/InvoiceUpdates", null);
		JsonNode unsubscribe = bayeux.send("[{\"channel\":\"/meta/unsubscribe\",\"clientId\":\"" + bayeux.clientId
				+ "\",\"subscription\":\"/topic/InvoiceUpdates\"}]").first();
		assertThat(unsubscribe.get("successful").asBoolean()).isTrue();
		emulator.publish("/topic/InvoiceUpdates", "{}");
		assertThat(bayeux.connect().events("/topic/InvoiceUpdates")).isEmpty();
		assertThat(emulator.stats().channel("/topic/InvoiceUpdates").subscribers()).isEmpty();
	}

	@Test
	void clientDisconnectEndsTheSession() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		JsonNode disconnect = bayeux.send("[{\"channel\":\"/meta/disconnect\",\"clientId\":\"" + bayeux.clientId
				+ "\"}]").first();
		assertThat(disconnect.get("successful").asBoolean()).isTrue();
		assertThat(emulator.stats().sessions()).isEmpty();
		assertThat(bayeux.connect().first().get("error").stringValue()).isEqualTo("403::Unknown client");
	}

	@Test
	void anyApiVersionIsAcceptedButThePathMustHaveOne() {
		TestClient.Response response = TestClient.post(java.net.URI.create(emulator.baseUrl() + "/cometd"),
				"application/json", "[]");
		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void clientsCannotPublish() {
		RawBayeux bayeux = loggedIn();
		bayeux.handshake();
		JsonNode reply = bayeux.send("[{\"channel\":\"/topic/InvoiceUpdates\",\"clientId\":\"" + bayeux.clientId
				+ "\",\"data\":{}}]").first();
		assertThat(reply.get("successful").asBoolean()).isFalse();
		assertThat(reply.get("error").stringValue()).startsWith("403::");
	}

}
