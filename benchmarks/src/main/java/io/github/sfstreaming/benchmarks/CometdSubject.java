package io.github.sfstreaming.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cometd.bayeux.client.ClientSessionChannel;
import org.cometd.client.BayeuxClient;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.cometd.client.transport.ClientTransport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * (d): CometD's {@code BayeuxClient} on Jetty's HTTP client with a {@link ReplayExtension}, as EMP-Connector
 * sets it up: an OAuth login, the token in an {@code Authorization} header on every request, one message
 * listener per channel that hands each event to a single event-processing thread (EMP-Connector's examples do
 * so, to keep {@code /meta/connect} going while events are handled). Replay ids are kept in memory.
 */
final class CometdSubject implements Subject {

	private static final String API_VERSION = "64.0";

	/** The same as the core client's default; BayeuxClient's own default is 1 MiB. */
	private static final int MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

	private final URI loginUrl;

	private final EventProbe probe;

	private final ReplayExtension replay = new ReplayExtension();

	private final ExecutorService handlerThread = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "cometd-event-handler");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable HttpClient httpClient;

	private @Nullable BayeuxClient client;

	CometdSubject(URI loginUrl, EventProbe probe) {
		this.loginUrl = loginUrl;
		this.probe = probe;
	}

	@Override
	public char key() {
		return 'd';
	}

	@Override
	public String description() {
		return "CometD BayeuxClient + replay extension (EMP-Connector style)";
	}

	@Override
	public void start(List<String> channels) throws Exception {
		JsonNode login = login();
		String token = login.get("access_token").asString();
		String instanceUrl = login.get("instance_url").asString();
		HttpClient httpClient = new HttpClient();
		QueuedThreadPool threads = new QueuedThreadPool();
		threads.setName("cometd-client");
		httpClient.setExecutor(threads);
		httpClient.setScheduler(new ScheduledExecutorScheduler("cometd-client-scheduler", true));
		httpClient.start();
		this.httpClient = httpClient;
		Map<String, Object> options = new HashMap<>();
		options.put(ClientTransport.MAX_MESSAGE_SIZE_OPTION, MAX_MESSAGE_SIZE);
		JettyHttpClientTransport transport = new JettyHttpClientTransport(options, httpClient) {

			@Override
			protected void customize(Request request) {
				request.headers((headers) -> headers.put("Authorization", "Bearer " + token));
			}

		};
		BayeuxClient client = new BayeuxClient(instanceUrl + "/cometd/" + API_VERSION, transport);
		client.addExtension(this.replay);
		this.client = client;
		client.handshake();
		if (!client.waitFor(30_000, BayeuxClient.State.CONNECTED)) {
			throw new IllegalStateException("BayeuxClient did not connect: " + client);
		}
		ClientSessionChannel.MessageListener listener = (channel, message) -> this.handlerThread
			.execute(() -> handle(message.getDataAsMap()));
		for (String channel : channels) {
			client.getChannel(channel).subscribe(listener);
		}
	}

	private void handle(@Nullable Map<String, Object> data) {
		if (data != null && data.get("payload") instanceof Map<?, ?> payload) {
			PayloadReader.handled(this.probe, payload);
		}
	}

	private JsonNode login() throws Exception {
		String form = "grant_type=password&client_id=" + encode(EmulatorLogin.CLIENT_ID) + "&client_secret="
				+ encode(EmulatorLogin.CLIENT_SECRET) + "&username=" + encode(EmulatorLogin.USERNAME) + "&password="
				+ encode(EmulatorLogin.PASSWORD);
		HttpRequest request = HttpRequest.newBuilder(this.loginUrl.resolve("/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(Version.HTTP_1_1).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Login failed: HTTP " + response.statusCode() + " " + response.body());
		}
		return JsonMapper.shared().readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public long storeWrites() {
		return this.replay.writes();
	}

	@Override
	public long durableWrites() {
		return -1;
	}

	@Override
	public Map<String, Long> stop() throws Exception {
		BayeuxClient client = this.client;
		if (client != null) {
			client.disconnect(5_000);
		}
		this.handlerThread.shutdown();
		this.handlerThread.awaitTermination(30, TimeUnit.SECONDS);
		HttpClient httpClient = this.httpClient;
		if (httpClient != null) {
			httpClient.stop();
		}
		return this.replay.replayIds();
	}

}
