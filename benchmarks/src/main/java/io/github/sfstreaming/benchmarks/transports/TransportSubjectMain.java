package io.github.sfstreaming.benchmarks.transports;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.pubsub.PubSubSubscriberSettings;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * One subject of the {@code transports} scenario in its own JVM:
 * {@code java -jar benchmarks.jar transport-subject <cometd|pubsub> <loginUrl> <pubSubTarget> <channel> <backlog>}.
 * The core client with its defaults, an in-memory store and replay from the earliest retained event, over the
 * built-in CometD transport or over {@link PubSubTransport} on a plaintext gRPC channel to the emulator's TCP port.
 * Phase 0 is the retained backlog; then it reads {@code begin <phase> <events>} lines on standard input, answers
 * {@code @@ ready <phase>} and reports each phase with {@code @@ done ...} (see {@link TransportProbe});
 * {@code exit} stops it.
 */
public final class TransportSubjectMain {

	/** The emulator's org: the transport needs it as {@code tenantid}; main's token response does not carry it. */
	static final String EMULATOR_ORG_ID = "00D000000000001AAA";

	/** As the cold drain: 20,000 retained events make a first CometD reply of several MB. */
	static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

	private TransportSubjectMain() {
	}

	/**
	 * Runs the subject until {@code exit} or the end of standard input.
	 * @param args see the class description
	 */
	public static void main(String[] args) throws Exception {
		String transport = args[1];
		URI loginUrl = URI.create(args[2]);
		String pubSubTarget = args[3];
		String channel = args[4];
		int backlog = Integer.parseInt(args[5]);
		TransportProbe probe = new TransportProbe(System.out);
		UsernamePasswordTokenProvider tokens = UsernamePasswordTokenProvider.builder()
			.loginUrl(loginUrl)
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build();
		SalesforceStreamingClient.Builder builder = SalesforceStreamingClient.builder()
			.tokenProvider(tokens)
			.replayStore(new InMemoryReplayStore())
			.defaultReplay(ReplayPosition.ALL_EVENTS);
		ManagedChannel grpc = null;
		switch (transport) {
			case "cometd" -> builder.maxMessageSize(MAX_MESSAGE_SIZE);
			case "pubsub" -> {
				grpc = ManagedChannelBuilder.forTarget(pubSubTarget).usePlaintext().build();
				builder.transport(
						new PubSubTransport(grpc, tokens, EMULATOR_ORG_ID, PubSubSubscriberSettings.defaults()));
			}
			default -> throw new IllegalArgumentException("Unknown transport " + transport + " (cometd or pubsub)");
		}
		SalesforceStreamingClient client = builder.build();
		client.subscribe(channel, (event) -> probe.handled(payload(event)));
		probe.begin(0, backlog);
		client.start();
		commands(probe);
		client.stop();
		stop(grpc);
		System.exit(0);
	}

	/** Both kinds read the same fields; a change event's header (its expanded bitmaps over Pub/Sub) is read too. */
	private static JsonNode payload(StreamingEvent event) {
		if (event instanceof ChangeEvent change) {
			if (change.header().changedFields().isEmpty()) {
				throw new IllegalStateException("A change event without changed fields: " + change.replayId());
			}
			return change.payload();
		}
		return ((PlatformEvent) event).payload();
	}

	private static void commands(TransportProbe probe) throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			String[] words = line.trim().split(" ");
			if (words[0].equals("exit")) {
				return;
			}
			if (words[0].equals("begin") && words.length == 3) {
				int phase = Integer.parseInt(words[1]);
				probe.begin(phase, Integer.parseInt(words[2]));
				probe.print("ready " + phase);
			}
		}
	}

	private static void stop(@Nullable ManagedChannel grpc) throws InterruptedException {
		if (grpc != null) {
			grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
