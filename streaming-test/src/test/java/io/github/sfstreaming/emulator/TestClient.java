package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.cometd.bayeux.Message;
import org.cometd.client.BayeuxClient;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.cometd.common.HashMapMessage;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * CometD's own {@link BayeuxClient}, logged in to the emulator with a password, as an independent peer.
 */
final class TestClient implements AutoCloseable {

	static final String API_VERSION = "64.0";

	private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

	private final BayeuxClient client;

	private volatile String token;

	private final Map<String, List<Message>> events = new ConcurrentHashMap<>();

	private final List<Message> metaMessages = new CopyOnWriteArrayList<>();

	TestClient(HttpClient httpClient, URI baseUrl, String token) {
		this.token = token;
		JettyHttpClientTransport transport = new JettyHttpClientTransport(new HashMap<>(), httpClient) {
			@Override
			protected void customize(Request request) {
				request.headers((headers) -> headers.put("Authorization", "Bearer " + TestClient.this.token));
			}
		};
		this.client = new BayeuxClient(baseUrl + "/cometd/" + API_VERSION, transport);
		this.client.getChannel("/meta/*").addListener((org.cometd.bayeux.client.ClientSessionChannel.MessageListener) (
				channel, message) -> this.metaMessages.add(message));
	}

	static TestClient loggedIn(HttpClient httpClient, URI baseUrl) {
		return new TestClient(httpClient, baseUrl, login(baseUrl));
	}

	/** Logs in with the password grant and the default credentials. */
	static String login(URI baseUrl) {
		JsonNode body = token(baseUrl, Map.of("grant_type", "password", "client_id", "test-client-id",
				"client_secret", "test-client-secret", "username", "user@example.com", "password", "pass"))
			.body();
		return body.get("access_token").stringValue();
	}

	static Response token(URI baseUrl, Map<String, String> form) {
		String encoded = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return post(URI.create(baseUrl + "/services/oauth2/token"), "application/x-www-form-urlencoded", encoded);
	}

	static Response post(URI uri, String contentType, String body) {
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	static Response get(URI uri) {
		return send(HttpRequest.newBuilder(uri).GET().build());
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), Json.read(response.body()), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, JsonNode body, HttpResponse<String> raw) {
	}

	BayeuxClient bayeux() {
		return this.client;
	}

	void token(String token) {
		this.token = token;
	}

	/** Handshakes with {@code ext.replay: true} and waits for the reply. */
	Message handshake() {
		CompletableFuture<Message> reply = new CompletableFuture<>();
		this.client.handshake(Map.of(Message.EXT_FIELD, Map.of("replay", true)), reply::complete);
		return await(reply);
	}

	/** Subscribes with {@code ext.replay: {channel: replayId}} (none if {@code null}) and waits for the reply. */
	Message subscribe(String channel, @Nullable Long replayId) {
		List<Message> received = this.events.computeIfAbsent(channel, (c) -> new CopyOnWriteArrayList<>());
		Message.Mutable message = new HashMapMessage();
		if (replayId != null) {
			message.getExt(true).put("replay", Map.of(channel, replayId));
		}
		CompletableFuture<Message> reply = new CompletableFuture<>();
		this.client.getChannel(channel).subscribe(message, (c, event) -> received.add(event), reply::complete);
		return await(reply);
	}

	List<Message> events(String channel) {
		return this.events.computeIfAbsent(channel, (c) -> new CopyOnWriteArrayList<>());
	}

	List<Long> replayIds(String channel) {
		return events(channel).stream().map(TestClient::replayId).toList();
	}

	@SuppressWarnings("unchecked")
	static long replayId(Message message) {
		Map<String, Object> event = (Map<String, Object>) message.getDataAsMap().get("event");
		return ((Number) event.get("replayId")).longValue();
	}

	List<Message> metaMessages() {
		return this.metaMessages;
	}

	static Message await(CompletableFuture<Message> future) {
		try {
			return future.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("no Bayeux reply in time", ex);
		}
	}

	@Override
	public void close() {
		this.client.disconnect(5_000);
	}

}
