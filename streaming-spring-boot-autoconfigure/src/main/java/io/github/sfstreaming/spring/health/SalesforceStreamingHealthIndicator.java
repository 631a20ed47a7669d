package io.github.sfstreaming.spring.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

import io.github.sfstreaming.client.ChannelStatus;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.PollingStatus;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.spring.cluster.StreamingClusterMember;

/**
 * Health of a {@link SalesforceStreamingClient}, computed from its cached state without any network call.
 * <ul>
 * <li>{@code UP}: connected and every channel subscribed; also while reconnecting after a lost session, for up to
 * the reconnecting threshold; also a standby cluster member;</li>
 * <li>{@code DOWN}: the client gave up, a channel's subscription failed, the client has been trying to connect
 * for longer than the reconnecting threshold, or it is connected but stalled: polling paused for longer than the
 * polling pause threshold because listeners do not keep up (the buffer is full), or no poll completed within the
 * time a poll takes at most;</li>
 * <li>{@code UNKNOWN}: stopped, or connecting for the first time or subscribing, within the threshold.</li>
 * </ul>
 * Details: the state, the last successful connect, since when the client is not connected or polling is paused,
 * and each channel's subscription and replay ids. It is also a {@link StreamingClientListener}, to learn when the
 * client lost its session.
 * <p>
 * Over the Pub/Sub API ({@link #setReplayIdFormat(ReplayIdFormat) opaque replay ids}), "polling" is the streams'
 * flow control: paused while the buffer is full (no credit), and stalled when no event or keep-alive came within
 * the client's window (300 s, past Salesforce's 270 s keep-alive). The channel details then leave out the replay
 * ids, which are opaque bytes rather than numbers.
 */
public class SalesforceStreamingHealthIndicator implements HealthIndicator, StreamingClientListener {

	private final Supplier<SalesforceStreamingClient> client;

	private final Duration reconnectingThreshold;

	private final Duration pollingPauseThreshold;

	private final Supplier<@Nullable StreamingClusterMember> clusterMember;

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> notConnectedSince = new AtomicReference<>();

	private volatile ReplayIdFormat replayIdFormat = ReplayIdFormat.NUMERIC;

	/**
	 * Creates an indicator that tolerates a polling pause of one minute.
	 * @param client supplies the client (looked up lazily: the client takes this indicator as a listener)
	 * @param reconnectingThreshold how long the client may try to connect before the health is down
	 * @param clusterMember supplies this instance's cluster membership, or {@code null} outside a cluster
	 */
	public SalesforceStreamingHealthIndicator(Supplier<SalesforceStreamingClient> client,
			Duration reconnectingThreshold, Supplier<@Nullable StreamingClusterMember> clusterMember) {
		this(client, reconnectingThreshold, Duration.ofMinutes(1), clusterMember);
	}

	/**
	 * Creates an indicator.
	 * @param client supplies the client (looked up lazily: the client takes this indicator as a listener)
	 * @param reconnectingThreshold how long the client may try to connect before the health is down
	 * @param pollingPauseThreshold how long polling may stay paused, while listeners do not keep up, before the
	 * health is down
	 * @param clusterMember supplies this instance's cluster membership, or {@code null} outside a cluster
	 */
	public SalesforceStreamingHealthIndicator(Supplier<SalesforceStreamingClient> client,
			Duration reconnectingThreshold, Duration pollingPauseThreshold,
			Supplier<@Nullable StreamingClusterMember> clusterMember) {
		this(client, reconnectingThreshold, pollingPauseThreshold, clusterMember, Clock.systemUTC());
	}

	SalesforceStreamingHealthIndicator(Supplier<SalesforceStreamingClient> client, Duration reconnectingThreshold,
			Duration pollingPauseThreshold, Supplier<@Nullable StreamingClusterMember> clusterMember, Clock clock) {
		Assert.notNull(client, "'client' must not be null");
		Assert.isTrue(reconnectingThreshold != null && !reconnectingThreshold.isNegative(),
				"'reconnectingThreshold' must not be null or negative");
		Assert.isTrue(pollingPauseThreshold != null && !pollingPauseThreshold.isNegative(),
				"'pollingPauseThreshold' must not be null or negative");
		this.client = client;
		this.reconnectingThreshold = reconnectingThreshold;
		this.pollingPauseThreshold = pollingPauseThreshold;
		this.clusterMember = clusterMember;
		this.clock = clock;
	}

	/**
	 * Sets the format of the client transport's replay ids: {@link ReplayIdFormat#OPAQUE} for the Pub/Sub API,
	 * whose streams the details then describe as such. Default {@link ReplayIdFormat#NUMERIC} (CometD).
	 * @param replayIdFormat the format
	 */
	public void setReplayIdFormat(ReplayIdFormat replayIdFormat) {
		Assert.notNull(replayIdFormat, "'replayIdFormat' must not be null");
		this.replayIdFormat = replayIdFormat;
	}

	@Override
	public void connected() {
		this.notConnectedSince.set(null);
	}

	@Override
	public void disconnected(String reason) {
		this.notConnectedSince.compareAndSet(null, this.clock.instant());
	}

	@Override
	public void reconnecting(String cause) {
		this.notConnectedSince.compareAndSet(null, this.clock.instant());
	}

	@Override
	public Health health() {
		SalesforceStreamingClient client = this.client.get();
		ClientState state = client.state();
		Instant now = this.clock.instant();
		Health.Builder builder = new Health.Builder().withDetail("state", state);
		Instant lastConnect = client.lastConnectTime();
		if (lastConnect != null) {
			builder.withDetail("lastConnectTime", lastConnect);
		}
		StreamingClusterMember member = this.clusterMember.get();
		if (member != null) {
			builder.withDetail("cluster",
					Map.of("role", member.getRole(), "leader", member.isLeader()));
		}
		Map<String, Object> channels = new LinkedHashMap<>();
		String failedChannel = null;
		boolean allSubscribed = true;
		boolean opaque = this.replayIdFormat == ReplayIdFormat.OPAQUE;
		for (ChannelStatus status : client.channels()) {
			channels.put(status.channel(), describe(status, opaque));
			allSubscribed &= status.subscribed();
			if (status.error() != null && failedChannel == null) {
				failedChannel = status.channel() + ": " + status.error().getMessage();
			}
		}
		builder.withDetail("channels", channels);
		switch (state) {
			case FAILED -> {
				Throwable failure = client.failure();
				builder.down().withDetail("reason", "gave up: " + ((failure != null) ? failure.getMessage() : "?"));
			}
			case CONNECTED -> {
				PollingStatus polling = client.pollingStatus();
				Instant pausedSince = polling.pausedSince();
				Instant lastPoll = polling.lastConnectTime();
				if (pausedSince != null) {
					builder.withDetail("pollingPausedSince", pausedSince);
				}
				if (failedChannel != null) {
					builder.down().withDetail("reason", "subscription failed: " + failedChannel);
				}
				else if (pausedSince != null && polling.pausedLongerThan(now, this.pollingPauseThreshold)) {
					// back-pressure: the buffer is full and nothing is received until the listeners free it
					String what = opaque ? "receiving paused (no credit requested)" : "polling paused";
					builder.down()
						.withDetail("reason", what + " for " + seconds(pausedSince, now)
								+ " s: the buffer is full of events that wait for their listeners (threshold "
								+ this.pollingPauseThreshold.toSeconds() + " s)");
				}
				else if (lastPoll != null && polling.overdue(now)) {
					String what = opaque ? "no event or keep-alive received" : "no poll completed";
					builder.down()
						.withDetail("reason", what + " for " + seconds(lastPoll, now) + " s (expected within "
								+ polling.pollWindow().toSeconds() + " s)");
				}
				else if (allSubscribed) {
					builder.up();
				}
				else {
					builder.unknown().withDetail("reason", "subscribing");
				}
			}
			case HANDSHAKING, RECONNECTING -> {
				this.notConnectedSince.compareAndSet(null, now);
				Instant since = this.notConnectedSince.get();
				Duration notConnected = Duration.between((since != null) ? since : now, now);
				builder.withDetail("notConnectedSince", (since != null) ? since : now);
				if (failedChannel != null) {
					// refused for good: reconnecting will not subscribe it again
					builder.down().withDetail("reason", "subscription failed: " + failedChannel);
				}
				else if (notConnected.compareTo(this.reconnectingThreshold) > 0) {
					builder.down()
						.withDetail("reason", "not connected for " + notConnected.toSeconds() + " s (threshold "
								+ this.reconnectingThreshold.toSeconds() + " s)");
				}
				else if (lastConnect != null) {
					builder.up();
				}
				else {
					builder.unknown();
				}
			}
			case STOPPED, DISCONNECTING -> {
				this.notConnectedSince.set(null);
				if (member != null && !member.isLeader()) {
					builder.up().withDetail("reason", "standby: another instance leads");
				}
				else {
					builder.unknown();
				}
			}
		}
		return builder.build();
	}

	private static long seconds(Instant since, Instant now) {
		return Duration.between(since, now).toSeconds();
	}

	private static Map<String, Object> describe(ChannelStatus status, boolean opaque) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("subscribed", status.subscribed());
		if (!opaque) {
			// with opaque ids, these numbers are only the events' order within the session
			details.put("lastStoredReplayId", status.lastStoredReplayId());
			details.put("lastReceivedReplayId", status.lastReceivedReplayId());
		}
		if (status.lastEventTime() != null) {
			details.put("lastEventTime", status.lastEventTime());
		}
		if (status.error() != null) {
			details.put("error", String.valueOf(status.error().getMessage()));
		}
		return details;
	}

}
