package io.github.sfstreaming.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event of a generic streaming channel ({@code /u/Name}), whose payload is a free-form string.
 *
 * @param channel the channel
 * @param replayId the replay id
 * @param createdDate {@code event.createdDate}
 * @param payload the {@code payload} string
 * @param data the message's whole {@code data}
 */
public record GenericEvent(String channel, long replayId, @Nullable Instant createdDate, String payload,
		JsonNode data) implements StreamingEvent {
}
