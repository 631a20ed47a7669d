package io.github.sfstreaming.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole client against a scripted Bayeux server that misbehaves in ways the emulator does not: connects
 * answered at once, and malformed events among good ones.
 */
class HostileServerTests {

	private static final String CHANNEL = "/topic/Hostile";

	private static final JsonMapper json = JsonMapper.shared();

	private final List<Long> connectTimes = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<String> eventBatches = new ConcurrentLinkedQueue<>();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/cometd/64.0", this::answer);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		JsonNode message = json.readTree(exchange.getRequestBody().readAllBytes()).get(0);
		String channel = message.path("channel").asString();
		String id = message.path("id").asString();
		String reply = switch (channel) {
			case "/meta/handshake" -> "[{\"channel\":\"/meta/handshake\",\"id\":\"" + id + "\",\"successful\":true,"
					+ "\"clientId\":\"c1\",\"version\":\"1.0\",\"supportedConnectionTypes\":[\"long-polling\"],"
					+ "\"ext\":{\"replay\":true},\"advice\":{\"timeout\":110000,\"interval\":0,\"reconnect\":\"retry\"}}]";
			case "/meta/subscribe", "/meta/unsubscribe", "/meta/disconnect" -> "[{\"channel\":\"" + channel
					+ "\",\"id\":\"" + id + "\",\"successful\":true,\"subscription\":\"" + CHANNEL + "\"}]";
			case "/meta/connect" -> {
				this.connectTimes.add(System.nanoTime());
				String events = this.eventBatches.poll();
				// always at once, although the advice says connects are held for 110 s
				yield "[" + ((events != null) ? events + "," : "") + "{\"channel\":\"/meta/connect\",\"id\":\"" + id
						+ "\",\"successful\":true,\"advice\":{\"timeout\":110000,\"interval\":0,\"reconnect\":\"retry\"}}]";
			}
			default -> "[]";
		};
		byte[] body = reply.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private SalesforceStreamingClient.Builder client() {
		URI instance = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("tok", instance))
			.backoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.shutdownTimeout(Duration.ofSeconds(5));
	}

	@Test
	void connectsAnsweredAtOnceAndEmptyDoNotMakeTheClientSpin() {
		try (SalesforceStreamingClient client = client().build()) {
			client.subscribe(CHANNEL, (event) -> {
			});
			client.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.connectTimes.size() >= 6);
		}
		List<Long> times = new ArrayList<>(this.connectTimes);
		// the first connect of a session is answered at once by design; the next ones should have been held
		for (int i = 2; i < 6; i++) {
			long gap = Duration.ofNanos(times.get(i) - times.get(i - 1)).toMillis();
			assertThat(gap).as("ms between connects %d and %d", i - 1, i).isGreaterThanOrEqualTo(300);
		}
	}

	@Test
	void malformedEventsAreSetAsideWhileTheGoodOnesAroundThemAreHandled() {
		String good = "{\"channel\":\"" + CHANNEL + "\",\"data\":{\"event\":{\"replayId\":%d,\"type\":\"created\"},"
				+ "\"sobject\":{\"Id\":\"a0%d\"}}}";
		this.eventBatches.add(String.format(good, 1, 1) + ",{\"channel\":\"" + CHANNEL
				+ "\",\"data\":{\"event\":{\"replayId\":1e400},\"sobject\":{}}},{\"channel\":\"" + CHANNEL
				+ "\",\"data\":[1,2]}," + String.format(good, 2, 2));
		this.eventBatches.add("{\"channel\":\"" + CHANNEL + "\",\"data\":{\"sobject\":{\"Id\":\"x\"}}},"
				+ String.format(good, 3, 3));
		InMemoryReplayStore store = new InMemoryReplayStore();
		EventRecorder recorder = new EventRecorder();
		List<String> malformed = new CopyOnWriteArrayList<>();
		try (SalesforceStreamingClient client = client().replayStore(store)
			.listener(new StreamingClientListener() {

				@Override
				public void eventMalformed(String channel, JsonNode message, String problem) {
					malformed.add(problem);
				}

			})
			.build()) {
			client.subscribe(CHANNEL, recorder);
			client.start();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsExactly(1L, 2L, 3L));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(3)));
		}
		assertThat(malformed).hasSize(3);
	}

}
