package io.github.sfstreaming.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one channel's state, read without any network call (for health checks).
 *
 * @param channel the channel
 * @param subscribed whether Salesforce confirmed the subscription in the current session
 * @param error the last subscription error, or {@code null}
 * @param lastReceivedReplayId the replay id of the last event received, or {@code -1}
 * @param lastStoredReplayId the last replay id written to the replay store, or {@code -1}
 * @param lastEventTime when the last event was received, or {@code null}
 */
public record ChannelStatus(String channel, boolean subscribed, @Nullable Throwable error, long lastReceivedReplayId,
		long lastStoredReplayId, @Nullable Instant lastEventTime) {
}
