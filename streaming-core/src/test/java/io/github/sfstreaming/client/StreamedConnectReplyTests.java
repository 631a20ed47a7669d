package io.github.sfstreaming.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * The events of a connect reply are handled while the rest of it is still being read, against a scripted server
 * that sends a reply in parts, waiting between them for what the client did with the first part: a client that
 * read the whole reply first would never get past the first part. While a reply is open no replay id is stored
 * (a lower event of it may still come), and a reply cut in the middle stores nothing of it: the next session
 * asks for all of its events again.
 */
class StreamedConnectReplyTests {

	private static final String CHANNEL = "/topic/Streamed";

	private static final JsonMapper json = JsonMapper.shared();

	/** What the server writes for a connect, given the exchange, with the response headers sent. */
	private interface Script {

		void write(HttpExchange exchange, OutputStream out, String connectReply) throws IOException;

	}

	/** The replay id each subscribe asked for, in order: a new session subscribes again. */
	private final List<Long> subscribedFrom = new CopyOnWriteArrayList<>();

	/** The script for the connects after the n-th subscribe, by n (1 for the first), used once. */
	private final Map<Integer, Script> scripts = new ConcurrentHashMap<>();

	/** The replay ids the server sent, to check each stored id against. */
	private final Set<Long> sent = ConcurrentHashMap.newKeySet();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	/** Stored ids that passed an event the server sent and the handler had not handled yet. */
	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final List<Long> stored = new CopyOnWriteArrayList<>();

	private final ExecutorService serverThreads = Executors.newCachedThreadPool();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/cometd/64.0", this::answer);
		// a held reply must not hold up the subscribes of the next session
		this.server.setExecutor(this.serverThreads);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	private void answer(HttpExchange exchange) throws IOException {
		JsonNode message = json.readTree(exchange.getRequestBody().readAllBytes()).get(0);
		String channel = message.path("channel").asString();
		String id = message.path("id").asString();
		String advice = "\"advice\":{\"timeout\":110000,\"interval\":0,\"reconnect\":\"retry\"}";
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (channel.equals("/meta/connect")) {
			String reply = "{\"channel\":\"/meta/connect\",\"id\":\"" + id + "\",\"successful\":true," + advice + "}";
			Script script = this.scripts.remove(this.subscribedFrom.size());
			if (script != null) {
				exchange.sendResponseHeaders(200, 0); // chunked: each flush sends what was written
				OutputStream out = exchange.getResponseBody();
				script.write(exchange, out, reply);
				out.close();
				return;
			}
			// answered at once and empty: the client polls again (at most every 500 ms)
			respond(exchange, "[" + reply + "]");
			return;
		}
		if (channel.equals("/meta/subscribe")) {
			this.subscribedFrom.add(message.path("ext").path("replay").path(CHANNEL).asLong());
		}
		respond(exchange, switch (channel) {
			case "/meta/handshake" -> "[{\"channel\":\"/meta/handshake\",\"id\":\"" + id + "\",\"successful\":true,"
					+ "\"clientId\":\"c1\",\"version\":\"1.0\",\"supportedConnectionTypes\":[\"long-polling\"],"
					+ "\"ext\":{\"replay\":true}," + advice + "}]";
			case "/meta/subscribe", "/meta/unsubscribe", "/meta/disconnect" -> "[{\"channel\":\"" + channel
					+ "\",\"id\":\"" + id + "\",\"successful\":true,\"subscription\":\"" + CHANNEL + "\"}]";
			default -> "[]";
		});
	}

	private static void respond(HttpExchange exchange, String reply) throws IOException {
		byte[] body = reply.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private String events(long... replayIds) {
		StringBuilder text = new StringBuilder();
		for (long replayId : replayIds) {
			this.sent.add(replayId);
			text.append("{\"channel\":\"").append(CHANNEL).append("\",\"data\":{\"event\":{\"replayId\":")
				.append(replayId).append(",\"type\":\"created\"},\"sobject\":{\"Id\":\"a0").append(replayId)
				.append("\"}}},");
		}
		return text.toString();
	}

	private static void send(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Waits in the server for the client; false when it did not come (then the test fails). */
	private static boolean awaitClient(CountDownLatch latch) {
		try {
			return latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private SalesforceStreamingClient client() {
		URI instance = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("tok", instance))
			.replayStore(this.store)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.backoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.shutdownTimeout(Duration.ofSeconds(5))
			.listener(new StreamingClientListener() {

				@Override
				public void replayIdStored(String channel, long replayId) {
					StreamedConnectReplyTests.this.stored.add(replayId);
					List<Long> handled = StreamedConnectReplyTests.this.recorder.handled(CHANNEL);
					for (long id : StreamedConnectReplyTests.this.sent) {
						if (id <= replayId && !handled.contains(id)) {
							StreamedConnectReplyTests.this.violations
								.add("stored " + replayId + " before " + id + " was handled");
						}
					}
				}

			})
			.build();
	}

	/** A handler that records and opens a latch when it handled a given event. */
	private EventHandler countingDown(long replayId, CountDownLatch latch) {
		return (event) -> {
			this.recorder.handle(event);
			if (event.replayId() == replayId) {
				latch.countDown();
			}
		};
	}

	@Test
	void theFirstEventIsHandledBeforeTheRestOfTheReplyIsSent() {
		CountDownLatch firstHandled = new CountDownLatch(1);
		List<Boolean> restSentAfterFirstHandled = new CopyOnWriteArrayList<>();
		this.scripts.put(1, (exchange, out, reply) -> {
			send(out, "[" + events(1));
			restSentAfterFirstHandled.add(awaitClient(firstHandled));
			send(out, events(2, 3) + reply + "]");
		});
		try (SalesforceStreamingClient client = client()) {
			client.subscribe(CHANNEL, countingDown(1, firstHandled));
			client.start();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 2L, 3L));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(3)));
		}
		assertThat(restSentAfterFirstHandled).containsExactly(true);
		assertThat(this.violations).isEmpty();
	}

	@Test
	void anEventHandledBeforeALowerOneOfTheSameReplyIsNotStoredBeforeTheLowerOneIsHandled() {
		CountDownLatch fiveHandled = new CountDownLatch(1);
		this.scripts.put(1, (exchange, out, reply) -> {
			send(out, "[" + events(5));
			awaitClient(fiveHandled);
			send(out, events(3, 4, 6) + reply + "]");
		});
		try (SalesforceStreamingClient client = client()) {
			client.subscribe(CHANNEL, countingDown(5, fiveHandled));
			client.start();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(5L, 3L, 4L, 6L));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(6)));
		}
		assertThat(this.violations).isEmpty();
		assertThat(this.stored).doesNotContain(5L);
	}

	@Test
	void aReplyCutInTheMiddleStoresNothingOfItAndTheNextSessionAsksForAllOfItAgain() {
		CountDownLatch threeHandled = new CountDownLatch(1);
		this.scripts.put(1, (exchange, out, reply) -> {
			// out of order, and cut before 1 comes: storing 3 (or resuming after it) would lose 1
			send(out, "[" + events(2, 3));
			awaitClient(threeHandled);
			throw new IOException("cut in the middle"); // the server drops the connection, the reply unfinished
		});
		this.scripts.put(2, (exchange, out, reply) -> send(out, "[" + events(1, 2, 3, 4, 5) + reply + "]"));
		try (SalesforceStreamingClient client = client()) {
			client.subscribe(CHANNEL, countingDown(3, threeHandled));
			client.start();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).contains(1L, 2L, 3L, 4L, 5L));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(5)));
		}
		assertThat(this.subscribedFrom).as("nothing stored, nothing taken as received: all of it again")
			.containsExactly(-2L, -2L);
		assertThat(this.recorder.handled(CHANNEL)).containsExactly(2L, 3L, 1L, 2L, 3L, 4L, 5L);
		assertThat(this.violations).isEmpty();
	}

}
