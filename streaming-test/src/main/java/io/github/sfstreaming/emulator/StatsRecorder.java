package io.github.sfstreaming.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Counts what the emulator receives and sends.
 */
final class StatsRecorder {

	private final AtomicLong logins = new AtomicLong();

	private final AtomicLong handshakes = new AtomicLong();

	private final AtomicLong connects = new AtomicLong();

	private final AtomicLong errors401 = new AtomicLong();

	private final AtomicLong errors403 = new AtomicLong();

	private final ConcurrentLinkedQueue<EmulatorStats.SubscribeStats> subscribes = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicLong> deliveries = new ConcurrentHashMap<>();

	void login() {
		this.logins.incrementAndGet();
	}

	void handshake() {
		this.handshakes.incrementAndGet();
	}

	void connect() {
		this.connects.incrementAndGet();
	}

	void subscribe(@Nullable String clientId, String channel, @Nullable Long replayId) {
		this.subscribes.add(new EmulatorStats.SubscribeStats(clientId, channel, replayId));
	}

	/** Counts an error sent in a Bayeux reply, by its code. */
	void error(String error) {
		if (error.startsWith("401:")) {
			this.errors401.incrementAndGet();
		}
		else if (error.startsWith("403:")) {
			this.errors403.incrementAndGet();
		}
	}

	void delivery(String clientId) {
		this.deliveries.computeIfAbsent(clientId, (id) -> new AtomicLong()).incrementAndGet();
	}

	void reset() {
		this.logins.set(0);
		this.handshakes.set(0);
		this.connects.set(0);
		this.errors401.set(0);
		this.errors403.set(0);
		this.subscribes.clear();
		this.deliveries.clear();
	}

	EmulatorStats snapshot(Map<String, EmulatorStats.ChannelStats> channels,
			List<EmulatorStats.SessionStats> sessions) {
		Map<String, Long> delivered = new TreeMap<>();
		this.deliveries.forEach((id, count) -> delivered.put(id, count.get()));
		return new EmulatorStats(Collections.unmodifiableMap(new TreeMap<>(channels)), List.copyOf(sessions), this.logins.get(),
				this.handshakes.get(), this.connects.get(), List.copyOf(this.subscribes), this.errors401.get(),
				this.errors403.get(), Collections.unmodifiableMap(delivered));
	}

}
