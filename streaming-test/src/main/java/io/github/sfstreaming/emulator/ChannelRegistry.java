package io.github.sfstreaming.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cometd.bayeux.server.ServerSession;
import org.jspecify.annotations.Nullable;

/**
 * The channels that exist: those given at start, created, or published to.
 */
final class ChannelRegistry {

	private final Map<String, ChannelLog> channels = new ConcurrentHashMap<>();

	private final Set<String> permanent = ConcurrentHashMap.newKeySet();

	ChannelRegistry(Collection<String> permanent) {
		this.permanent.addAll(permanent);
		for (String channel : permanent) {
			create(channel);
		}
	}

	/**
	 * Creates the channel if it does not exist yet.
	 * @throws IllegalArgumentException if the name is not a Salesforce streaming channel
	 */
	ChannelLog create(String channel) {
		ChannelKind.of(channel);
		return this.channels.computeIfAbsent(channel, ChannelLog::new);
	}

	/** Creates the channel if needed and keeps it through {@link #reset()}, as those given at start are. */
	ChannelLog createPermanent(String channel) {
		ChannelLog log = create(channel);
		this.permanent.add(channel);
		return log;
	}

	@Nullable ChannelLog find(String channel) {
		return this.channels.get(channel);
	}

	Collection<ChannelLog> all() {
		return this.channels.values();
	}

	void removeSubscriber(ServerSession session) {
		for (ChannelLog log : this.channels.values()) {
			log.unsubscribe(session);
		}
	}

	List<String> subscriptionsOf(ServerSession session) {
		List<String> subscriptions = new ArrayList<>();
		for (ChannelLog log : this.channels.values()) {
			if (log.isSubscribed(session)) {
				subscriptions.add(log.channel());
			}
		}
		subscriptions.sort(null);
		return subscriptions;
	}

	void keepLast(int keepLast) {
		for (ChannelLog log : this.channels.values()) {
			log.keepLast(keepLast);
		}
	}

	/** Forgets every event; only the channels given at start remain. */
	void reset() {
		this.channels.keySet().retainAll(this.permanent);
		for (ChannelLog log : this.channels.values()) {
			log.clear();
		}
	}

	Map<String, EmulatorStats.ChannelStats> stats(Instant now, Retention retention) {
		Map<String, EmulatorStats.ChannelStats> stats = new LinkedHashMap<>();
		for (ChannelLog log : this.channels.values()) {
			stats.put(log.channel(), log.stats(now, retention));
		}
		return stats;
	}

}
