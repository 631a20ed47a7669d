package io.github.sfstreaming.emulator;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what the emulator has seen since it started or was last reset. Serialised as JSON by
 * {@code GET /emulator/stats}.
 *
 * @param channels per channel name: its publication counts, retention and subscribers
 * @param sessions the live Bayeux sessions and their subscriptions
 * @param logins successful OAuth token requests
 * @param handshakes {@code /meta/handshake} messages received (including refused ones)
 * @param connects {@code /meta/connect} messages received
 * @param subscribes every {@code /meta/subscribe} received, in order, with the replay id it asked for
 * @param errors401 Bayeux replies sent with a {@code 401::} error (or handshake failure reason)
 * @param errors403 Bayeux replies sent with a {@code 403::} error
 * @param deliveries events delivered per Bayeux client id (sessions that ended included)
 */
public record EmulatorStats(Map<String, ChannelStats> channels, List<SessionStats> sessions, long logins,
		long handshakes, long connects, List<SubscribeStats> subscribes, long errors401, long errors403,
		Map<String, Long> deliveries) {

	/**
	 * The stats of one channel, or {@code null} if the channel does not exist.
	 * @param channel the channel name
	 * @return its stats or {@code null}
	 */
	public @Nullable ChannelStats channel(String channel) {
		return this.channels.get(channel);
	}

	/**
	 * The events delivered to one session.
	 * @param clientId the Bayeux client id
	 * @return the count, 0 if none
	 */
	public long deliveriesTo(String clientId) {
		return this.deliveries.getOrDefault(clientId, 0L);
	}

	/**
	 * The total number of events delivered to all sessions.
	 * @return the sum of {@link #deliveries()}
	 */
	public long totalDeliveries() {
		return this.deliveries.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * One channel.
	 *
	 * @param channel the channel name
	 * @param publishedCount events published to it
	 * @param lastReplayId the replay id of the newest event, 0 if none
	 * @param retainedCount events still retained for replay
	 * @param oldestRetainedReplayId the replay id of the oldest retained event, 0 if none
	 * @param subscribers the client ids of its live subscribers
	 */
	public record ChannelStats(String channel, long publishedCount, long lastReplayId, int retainedCount,
			long oldestRetainedReplayId, List<String> subscribers) {
	}

	/**
	 * One live Bayeux session.
	 *
	 * @param clientId its Bayeux client id
	 * @param subscriptions the channels it is subscribed to
	 */
	public record SessionStats(String clientId, List<String> subscriptions) {
	}

	/**
	 * One {@code /meta/subscribe} message.
	 *
	 * @param clientId the Bayeux client id that sent it, or {@code null}
	 * @param channel the subscription it asked for
	 * @param replayId the replay id it asked for in {@code ext.replay}, or {@code null} if it gave none (same as
	 * {@code -1})
	 */
	public record SubscribeStats(@Nullable String clientId, String channel, @Nullable Long replayId) {
	}

}
