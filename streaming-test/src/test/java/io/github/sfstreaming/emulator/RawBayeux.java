package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Bayeux by hand over the JDK's HTTP client, to see exactly what the emulator answers: headers, cookies, JSON.
 */
final class RawBayeux {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final URI endpoint;

	private @Nullable String token;

	/** The cookies to send, name to value; updated from every Set-Cookie unless frozen. */
	final Map<String, String> cookies = new LinkedHashMap<>();

	boolean keepCookies = true;

	@Nullable String clientId;

	RawBayeux(URI baseUrl, @Nullable String token) {
		this.endpoint = URI.create(baseUrl + "/cometd/64.0");
		this.token = token;
	}

	void token(@Nullable String token) {
		this.token = token;
	}

	Reply send(String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (!this.cookies.isEmpty()) {
			List<String> pairs = new ArrayList<>();
			this.cookies.forEach((name, value) -> pairs.add(name + "=" + value));
			request.header("Cookie", String.join("; ", pairs));
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			List<String> setCookies = response.headers().allValues("Set-Cookie");
			if (this.keepCookies) {
				for (String setCookie : setCookies) {
					String pair = setCookie.split(";", 2)[0];
					int equals = pair.indexOf('=');
					this.cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
			JsonNode body = response.body().isEmpty() ? Json.read("[]") : Json.read(response.body());
			return new Reply(response.statusCode(), body, setCookies);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Reply handshake() {
		Reply reply = send("[{\"channel\":\"/meta/handshake\",\"version\":\"1.0\",\"supportedConnectionTypes\":"
				+ "[\"long-polling\"],\"ext\":{\"replay\":true}}]");
		JsonNode id = reply.first().get("clientId");
		if (id != null) {
			this.clientId = id.stringValue();
		}
		return reply;
	}

	Reply connect() {
		return send("[{\"channel\":\"/meta/connect\",\"clientId\":\"" + this.clientId
				+ "\",\"connectionType\":\"long-polling\"}]");
	}

	Reply subscribe(String channel, @Nullable Long replayId) {
		String ext = (replayId != null) ? ",\"ext\":{\"replay\":{\"" + channel + "\":" + replayId + "}}" : "";
		return send("[{\"channel\":\"/meta/subscribe\",\"clientId\":\"" + this.clientId + "\",\"subscription\":\""
				+ channel + "\"" + ext + "}]");
	}

	record Reply(int status, JsonNode body, List<String> setCookies) {

		/** The first message of the reply. */
		JsonNode first() {
			return this.body.get(0);
		}

		/** The message on the given channel. */
		JsonNode on(String channel) {
			for (JsonNode message : this.body) {
				if (channel.equals(message.path("channel").asString(""))) {
					return message;
				}
			}
			throw new AssertionError("no message on " + channel + " in " + this.body);
		}

		List<JsonNode> events(String channel) {
			List<JsonNode> events = new ArrayList<>();
			for (JsonNode message : this.body) {
				if (channel.equals(message.path("channel").asString(""))) {
					events.add(message);
				}
			}
			return events;
		}

	}

}
