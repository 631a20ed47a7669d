package io.github.sfstreaming.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event of a PushTopic ({@code /topic/Name}): a record that matched the topic's query changed.
 *
 * @param channel the channel
 * @param replayId the replay id
 * @param createdDate {@code event.createdDate}
 * @param type {@code event.type}: {@code created}, {@code updated}, {@code deleted} or {@code undeleted}
 * @param sobject the record's selected fields ({@code sobject})
 * @param data the message's whole {@code data}
 */
public record PushTopicEvent(String channel, long replayId, @Nullable Instant createdDate, String type,
		JsonNode sobject, JsonNode data) implements StreamingEvent {
}
