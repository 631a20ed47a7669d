package io.github.sfstreaming.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A platform event ({@code /event/Name__e}).
 *
 * @param channel the channel
 * @param replayId the replay id
 * @param createdDate {@code payload.CreatedDate}
 * @param eventUuid {@code event.EventUuid}, unique per event; {@code null} on API versions that lack it
 * @param schema the payload's schema id
 * @param payload the event's fields ({@code payload})
 * @param data the message's whole {@code data}
 */
public record PlatformEvent(String channel, long replayId, @Nullable Instant createdDate,
		@Nullable String eventUuid, @Nullable String schema, JsonNode payload, JsonNode data)
		implements StreamingEvent {
}
