package io.github.sfstreaming.spring.replay.jdbc;

import org.springframework.util.Assert;

/**
 * Identity of a {@link ReplayCheckpoint}: one row per consumer and channel.
 *
 * @param consumerId the application that handled the events (see {@code salesforce.streaming.replay.consumer})
 * @param channel the channel, for example {@code /topic/InvoiceUpdates}
 */
public record ReplayCheckpointId(String consumerId, String channel) {

	public ReplayCheckpointId {
		Assert.hasText(consumerId, "'consumerId' must not be empty");
		Assert.hasText(channel, "'channel' must not be empty");
	}

}
