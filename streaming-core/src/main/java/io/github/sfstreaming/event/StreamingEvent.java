package io.github.sfstreaming.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event received on a subscribed channel, typed by the channel's kind. Switch on it:
 * <pre>{@code
 * switch (event) {
 *     case PushTopicEvent e -> ...
 *     case PlatformEvent e -> ...
 *     case ChangeEvent e -> ...
 *     case GenericEvent e -> ...
 * }
 * }</pre>
 */
public sealed interface StreamingEvent permits PushTopicEvent, GenericEvent, PlatformEvent, ChangeEvent {

	/** The channel the event arrived on, as subscribed (for example {@code /topic/InvoiceUpdates}). */
	String channel();

	/** The event's replay id: increasing per channel, not contiguous. */
	long replayId();

	/**
	 * When Salesforce created the event: {@code event.createdDate} for PushTopic and generic events,
	 * {@code payload.CreatedDate} for platform events, the change event header's commit timestamp for
	 * Change Data Capture; {@code null} when the message has none.
	 */
	@Nullable Instant createdDate();

	/** The message's whole {@code data} object, exactly as received. */
	JsonNode data();

}
