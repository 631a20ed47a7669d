package io.github.sfstreaming.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;

/**
 * (c): the core client without Spring, with its defaults and an in-memory replay store.
 */
final class CoreClientSubject implements Subject {

	private final URI loginUrl;

	private final EventProbe probe;

	private final InMemoryReplayStore memory = new InMemoryReplayStore();

	private final CountingReplayStore store = new CountingReplayStore(this.memory);

	private @Nullable SalesforceStreamingClient client;

	CoreClientSubject(URI loginUrl, EventProbe probe) {
		this.loginUrl = loginUrl;
		this.probe = probe;
	}

	@Override
	public char key() {
		return 'c';
	}

	@Override
	public String description() {
		return "core client, no Spring, in-memory store";
	}

	@Override
	public void start(List<String> channels) {
		UsernamePasswordTokenProvider tokens = UsernamePasswordTokenProvider.builder()
			.loginUrl(this.loginUrl)
			.clientId(EmulatorLogin.CLIENT_ID)
			.clientSecret(EmulatorLogin.CLIENT_SECRET)
			.username(EmulatorLogin.USERNAME)
			.password(EmulatorLogin.PASSWORD)
			.build();
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(tokens)
			.replayStore(this.store)
			.build();
		for (String channel : channels) {
			client.subscribe(channel,
					(event) -> PayloadReader.handled(this.probe, ((PlatformEvent) event).payload()));
		}
		client.start();
		client.awaitConnected(Duration.ofSeconds(30));
		this.client = client;
	}

	@Override
	public long storeWrites() {
		return this.store.writes();
	}

	@Override
	public long durableWrites() {
		return -1;
	}

	@Override
	public Map<String, Long> stop() {
		SalesforceStreamingClient client = this.client;
		if (client != null) {
			client.stop();
		}
		return this.memory.snapshot();
	}

}
