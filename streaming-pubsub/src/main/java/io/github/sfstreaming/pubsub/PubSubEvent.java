package io.github.sfstreaming.pubsub;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * One event received over the Pub/Sub API, decoded with its own schema.
 * <p>
 * The event's {@link StreamingEvent#replayId() long replay id} is {@code 0}: Pub/Sub replay ids are opaque
 * bytes, carried here as {@code replayId} until the core's replay positions can hold them.
 *
 * @param event the decoded event: a {@link io.github.sfstreaming.event.PlatformEvent} or a
 * {@link io.github.sfstreaming.event.ChangeEvent} (a {@link io.github.sfstreaming.event.GenericEvent} if its
 * payload could not be decoded)
 * @param replayId its opaque replay id, to store once handled
 * @param schemaId the id of the schema its payload was written with
 * @param eventId the event's id ({@code EventUuid} for platform events)
 */
public record PubSubEvent(StreamingEvent event, PubSubReplayId replayId, String schemaId, String eventId) {
}
