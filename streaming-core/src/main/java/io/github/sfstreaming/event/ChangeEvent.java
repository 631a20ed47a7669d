package io.github.sfstreaming.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Change Data Capture event ({@code /data/ChangeEvents}, {@code /data/AccountChangeEvent},
 * {@code /data/Custom__ChangeEvent} or a custom channel {@code /data/Name__chn}).
 *
 * @param channel the channel
 * @param replayId the replay id
 * @param createdDate the header's commit timestamp
 * @param schema the payload's schema id
 * @param header the {@code ChangeEventHeader}
 * @param payload the changed fields, the header included ({@code payload})
 * @param data the message's whole {@code data}
 */
public record ChangeEvent(String channel, long replayId, @Nullable Instant createdDate, @Nullable String schema,
		ChangeEventHeader header, JsonNode payload, JsonNode data) implements StreamingEvent {
}
