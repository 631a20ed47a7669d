package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Each fault, seen by CometD's BayeuxClient and on the wire.
 */
class FaultTests extends BayeuxTestSupport {

	private static final String CHANNEL = "/event/Order__e";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void expiredTokensFailTheConnectWith401AndTheHandshakeWith403() {
		TestClient client = client(emulator.emulator());
		List<Message> connects = metaListener(client, Channel.META_CONNECT);
		client.handshake();
		client.subscribe(CHANNEL, -1L);
		emulator.faults().expireTokens();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(connects)
			.anySatisfy((reply) -> assertThat(reply.get(Message.ERROR_FIELD)).isEqualTo("401::Authentication invalid")));
		Message failed = connects.stream().filter((m) -> !m.isSuccessful()).findFirst().orElseThrow();
		assertThat(failed.getAdvice().get("reconnect")).isEqualTo("none");
		await().atMost(Duration.ofSeconds(10)).until(() -> client.bayeux().isDisconnected());

		TestClient stale = new TestClient(httpClient, emulator.baseUrl(), "00D!expired");
		Message denied = stale.handshake();
		stale.bayeux().disconnect();
		assertThat(denied.isSuccessful()).isFalse();
		assertThat(denied.get(Message.ERROR_FIELD)).isEqualTo("403::Handshake denied");
		assertThat(emulator.stats().errors401()).isPositive();
		assertThat(emulator.stats().errors403()).isPositive();
	}

	@Test
	void droppedSessionsAreUnknownClientsAndCometDReHandshakes() {
		TestClient client = client(emulator.emulator());
		List<Message> connects = metaListener(client, Channel.META_CONNECT);
		List<Message> handshakes = metaListener(client, Channel.META_HANDSHAKE);
		client.handshake();
		String firstId = client.bayeux().getId();
		client.subscribe(CHANNEL, -1L);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.bayeux().isConnected());
		emulator.faults().dropSessions();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(connects)
			.anySatisfy((reply) -> assertThat(reply.get(Message.ERROR_FIELD)).isEqualTo("403::Unknown client")));
		Message unknown = connects.stream().filter((m) -> !m.isSuccessful()).findFirst().orElseThrow();
		assertThat(unknown.getAdvice().get("reconnect")).isEqualTo("handshake");
		// CometD follows the advice: a new handshake, a new session, which must subscribe again.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(handshakes).hasSizeGreaterThanOrEqualTo(2));
		await().atMost(Duration.ofSeconds(20)).until(() -> client.bayeux().isConnected());
		assertThat(client.bayeux().getId()).isNotEqualTo(firstId);
		assertThat(emulator.stats().channel(CHANNEL).subscribers()).isEmpty();
	}

	@Test
	void httpErrorAnswersTheNextRequestsWithThatStatus() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		emulator.faults().httpError(503, 2);
		assertThat(bayeux.handshake().status()).isEqualTo(503);
		assertThat(bayeux.handshake().status()).isEqualTo(503);
		RawBayeux.Reply third = bayeux.handshake();
		assertThat(third.status()).isEqualTo(200);
		assertThat(third.first().get("successful").asBoolean()).isTrue();
	}

	@Test
	void delayHoldsTheNextRequests() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		emulator.faults().delay(Duration.ofMillis(400), 1);
		long start = System.nanoTime();
		assertThat(bayeux.handshake().first().get("successful").asBoolean()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void trimmedRetentionInvalidatesOlderReplayIds() {
		List<Long> ids = emulator.publish(CHANNEL, 30, "{}");
		emulator.faults().trimRetention(10);
		assertThat(emulator.stats().channel(CHANNEL).retainedCount()).isEqualTo(10);
		TestClient client = client(emulator.emulator());
		client.handshake();
		Message refused = client.subscribe(CHANNEL, ids.get(5));
		assertThat(refused.isSuccessful()).isFalse();
		assertThat(refused.get(Message.ERROR_FIELD))
			.isEqualTo(SalesforceBayeuxExtension.invalidReplayId(ids.get(5).toString()));
		assertThat(client.subscribe(CHANNEL, ids.get(20)).isSuccessful()).isTrue();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(client.replayIds(CHANNEL)).containsExactlyElementsOf(ids.subList(21, 30)));
	}

	@Test
	void retentionAgeDropsOldEvents() {
		try (SalesforceStreamingEmulator shortLived = SalesforceStreamingEmulator.builder()
			.retention(100, Duration.ofMillis(50))
			.build()
			.start()) {
			shortLived.publish(CHANNEL, 3, "{}");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> shortLived.stats().channel(CHANNEL).retainedCount() == 0);
			RawBayeux bayeux = new RawBayeux(shortLived.baseUrl(), TestClient.login(shortLived.baseUrl()));
			bayeux.handshake();
			assertThat(bayeux.subscribe(CHANNEL, 1L).first().get("error").stringValue()).startsWith("400::The replayId {1}");
			assertThat(bayeux.subscribe(CHANNEL, 3L).first().get("successful").asBoolean()).isFalse();
			assertThat(bayeux.subscribe(CHANNEL, -2L).first().get("successful").asBoolean()).isTrue();
		}
	}

	@Test
	void serverDisconnectSendsMetaDisconnect() {
		TestClient client = client(emulator.emulator());
		List<Message> disconnects = metaListener(client, Channel.META_DISCONNECT);
		client.handshake();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.bayeux().isConnected());
		emulator.faults().serverDisconnect();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(disconnects).isNotEmpty());
		await().atMost(Duration.ofSeconds(10)).until(() -> client.bayeux().isDisconnected());
		assertThat(emulator.stats().sessions()).isEmpty();
	}

	@Test
	void serverDisconnectOnTheWire() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		bayeux.handshake();
		bayeux.connect();
		emulator.faults().serverDisconnect();
		RawBayeux.Reply reply = bayeux.connect();
		JsonNode disconnect = reply.on(Channel.META_DISCONNECT);
		assertThat(disconnect.get("successful").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				bayeux.connect().on(Channel.META_CONNECT).get("error").stringValue()).isEqualTo("403::Unknown client"));
	}

	@Test
	void bayeuxErrorAnswersTheNextMessagesOnThatChannel() {
		String tooBusy = "503::Server is too busy. Please try your request again later.";
		emulator.faults().bayeuxError("/meta/subscribe", tooBusy, 2);
		TestClient client = client(emulator.emulator());
		client.handshake();
		Message first = client.subscribe(CHANNEL, -1L);
		assertThat(first.isSuccessful()).isFalse();
		assertThat(first.get(Message.ERROR_FIELD)).isEqualTo(tooBusy);
		client.bayeux().getChannel(CHANNEL).unsubscribe();
		assertThat(client.subscribe(CHANNEL, -1L).get(Message.ERROR_FIELD)).isEqualTo(tooBusy);
		client.bayeux().getChannel(CHANNEL).unsubscribe();
		assertThat(client.subscribe(CHANNEL, -1L).isSuccessful()).isTrue();
	}

	@Test
	void bayeuxErrorUnknownClientCarriesTheHandshakeAdvice() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		bayeux.handshake();
		emulator.faults().bayeuxError("/meta/connect", "403::Unknown client", 1);
		JsonNode connect = bayeux.connect().on(Channel.META_CONNECT);
		assertThat(connect.get("error").stringValue()).isEqualTo("403::Unknown client");
		assertThat(connect.get("advice").get("reconnect").stringValue()).isEqualTo("handshake");
		assertThat(bayeux.connect().on(Channel.META_CONNECT).get("successful").asBoolean()).isTrue();
	}

	@Test
	void bayeuxErrorOnHandshakeEmulatesOrgLimits() {
		emulator.faults().bayeuxError("/meta/handshake", "403::Organization concurrent user limit exceeded", 1);
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		JsonNode reply = bayeux.handshake().first();
		assertThat(reply.get("successful").asBoolean()).isFalse();
		assertThat(reply.get("error").stringValue()).isEqualTo("403::Organization concurrent user limit exceeded");
		assertThat(bayeux.handshake().first().get("successful").asBoolean()).isTrue();
	}

	@Test
	void resetDisarmsFaultsAndForgetsEverything() {
		emulator.publish(CHANNEL, 3, "{}");
		emulator.publish("/topic/Temporary", "{}");
		emulator.faults().httpError(500, 5);
		emulator.emulator().reset();
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		assertThat(bayeux.handshake().status()).isEqualTo(200);
		EmulatorStats stats = emulator.stats();
		assertThat(stats.channels()).containsOnlyKeys(CHANNEL);
		assertThat(stats.channel(CHANNEL).publishedCount()).isZero();
		assertThat(stats.handshakes()).isEqualTo(1);
		assertThat(emulator.publish(CHANNEL, "{}")).isEqualTo(1L);
	}

	@Test
	void badFaultArgumentsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().httpError(200, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().httpError(503, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().bayeuxError("/topic/X", "503::x", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().bayeuxError("/meta/connect", "busy", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().trimRetention(-1));
	}

	private static List<Message> metaListener(TestClient client, String channel) {
		List<Message> messages = new CopyOnWriteArrayList<>();
		BayeuxClient bayeux = client.bayeux();
		bayeux.getChannel(channel).addListener((ClientSessionChannel.MessageListener) (c, m) -> messages.add(m));
		return messages;
	}

}
