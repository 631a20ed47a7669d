package io.github.sfstreaming.benchmarks.cold;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.cometd.client.transport.ClientTransport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.batchapp.ChangeEventDrainApplication;
import io.github.sfstreaming.benchmarks.ReplayExtension;
import io.github.sfstreaming.minimalapp.MinimalListenerApplication;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * The entry point of a cold-drain subject in its own JVM:
 * {@code java -jar benchmarks.jar cold-subject <minimal|change-events|core|cometd|cometd-work> <loginUrl> <eventsPerChannel> <channels>
 * [Spring Boot arguments]}. Each subscribes to every retained event ({@code -2}) and prints the line
 * {@link DrainTracker} describes when a channel's last event is handled; the driver then stops the JVM.
 */
public final class ColdSubjectMain {

	/** The environment variable that carries the largest reply (c) and (d) accept, in bytes. */
	static final String MAX_MESSAGE_SIZE_VARIABLE = "COLD_MAX_MESSAGE_SIZE";

	private static final String CLIENT_ID = "test-client-id";

	private static final String CLIENT_SECRET = "test-client-secret";

	private static final String USERNAME = "user@example.com";

	private static final String PASSWORD = "pass";

	private ColdSubjectMain() {
	}

	/**
	 * Runs a subject until the JVM is stopped.
	 * @param args see the class description
	 */
	public static void main(String[] args) throws Exception {
		String kind = args[1];
		URI loginUrl = URI.create(args[2]);
		DrainTracker.expect(Long.parseLong(args[3]));
		List<String> channels = List.of(args[4].split(","));
		String[] rest = Arrays.copyOfRange(args, 5, args.length);
		switch (kind) {
			case "minimal" -> MinimalListenerApplication.main(rest);
			case "change-events" -> ChangeEventDrainApplication.main(rest);
			case "core" -> core(loginUrl, channels);
			case "cometd" -> cometd(loginUrl, channels, false);
			case "cometd-work" -> cometd(loginUrl, channels, true);
			default -> throw new IllegalArgumentException("Unknown cold subject " + kind);
		}
		if (!kind.equals("minimal") && !kind.equals("change-events")) {
			// the clients' threads are daemons: the JVM runs until the driver stops it
			new CountDownLatch(1).await();
		}
	}

	/** (c): the core client, its defaults, an in-memory store, no per-event work. */
	private static void core(URI loginUrl, List<String> channels) {
		UsernamePasswordTokenProvider tokens = UsernamePasswordTokenProvider.builder()
			.loginUrl(loginUrl)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.username(USERNAME)
			.password(PASSWORD)
			.build();
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(tokens)
			.replayStore(new InMemoryReplayStore())
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.maxMessageSize(maxMessageSize())
			.build();
		for (String channel : channels) {
			client.subscribe(channel, (event) -> DrainTracker.handled(event.channel(), event.replayId()));
		}
		Runtime.getRuntime().addShutdownHook(new Thread(client::stop));
		client.start();
	}

	/**
	 * (d): CometD's BayeuxClient as EMP-Connector sets it up (see the warm benchmark's {@code CometdSubject}),
	 * replay ids in memory, each event handed to one event-processing thread that does nothing but note it; (h)
	 * the same client whose event-processing thread does the sample's listeners' work ({@link SampleWork}).
	 */
	private static void cometd(URI loginUrl, List<String> channels, boolean sampleWork) throws Exception {
		if (sampleWork) {
			SampleWork.init();
		}
		JsonNode login = login(loginUrl);
		String token = login.get("access_token").asString();
		String instanceUrl = login.get("instance_url").asString();
		HttpClient httpClient = new HttpClient();
		httpClient.start();
		Map<String, Object> options = new HashMap<>();
		options.put(ClientTransport.MAX_MESSAGE_SIZE_OPTION, maxMessageSize());
		JettyHttpClientTransport transport = new JettyHttpClientTransport(options, httpClient) {

			@Override
			protected void customize(Request request) {
				request.headers((headers) -> headers.put("Authorization", "Bearer " + token));
			}

		};
		BayeuxClient client = new BayeuxClient(instanceUrl + "/cometd/64.0", transport);
		client.addExtension(new ReplayExtension(-2L));
		client.handshake();
		if (!client.waitFor(60_000, BayeuxClient.State.CONNECTED)) {
			throw new IllegalStateException("BayeuxClient did not connect: " + client);
		}
		ExecutorService handlerThread = Executors.newSingleThreadExecutor();
		ClientSessionChannel.MessageListener listener = (channel, message) -> handlerThread
			.execute(() -> {
				if (sampleWork) {
					SampleWork.handle(channel.getId(), message.getDataAsMap());
				}
				else {
					handled(channel.getId(), message.getDataAsMap());
				}
			});
		for (String channel : channels) {
			client.getChannel(channel).subscribe(listener);
		}
	}

	private static int maxMessageSize() {
		String value = System.getenv(MAX_MESSAGE_SIZE_VARIABLE);
		return (value != null) ? Integer.parseInt(value) : 10 * 1024 * 1024;
	}

	private static void handled(String channel, Map<String, Object> data) {
		if (data != null && data.get("event") instanceof Map<?, ?> event
				&& event.get("replayId") instanceof Number replayId) {
			DrainTracker.handled(channel, replayId.longValue());
		}
	}

	private static JsonNode login(URI loginUrl) throws Exception {
		String form = "grant_type=password&client_id=" + encode(CLIENT_ID) + "&client_secret="
				+ encode(CLIENT_SECRET) + "&username=" + encode(USERNAME) + "&password=" + encode(PASSWORD);
		HttpRequest request = HttpRequest.newBuilder(loginUrl.resolve("/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.timeout(Duration.ofSeconds(30))
			.build();
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(Version.HTTP_1_1).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Login failed: HTTP " + response.statusCode());
		}
		return JsonMapper.shared().readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
