package io.github.sfstreaming.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code data} of a message on a subscribed channel into a typed {@link StreamingEvent}, choosing
 * the type from the channel's {@link ChannelKind} or, for other channels, from the data's shape. A message whose shape does not fit its channel kind becomes a
 * {@link GenericEvent} carrying the raw JSON, so that nothing is dropped.
 */
public final class EventParser {

	private static final Logger logger = LoggerFactory.getLogger(EventParser.class);

	/** Salesforce sometimes writes {@code +0000} rather than {@code Z}. */
	private static final DateTimeFormatter SALESFORCE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

	/**
	 * Parses an event.
	 * @param channel the message's channel
	 * @param data the message's {@code data}
	 * @return the event
	 */
	public StreamingEvent parse(String channel, JsonNode data) {
		long replayId = replayId(data);
		ChannelKind kind = ChannelKind.of(channel);
		try {
			if (kind == ChannelKind.PUSH_TOPIC || kind == null && data.has("sobject")) {
				return pushTopic(channel, replayId, data);
			}
			if (kind == ChannelKind.CHANGE_EVENT || kind == null && data.path("payload").has("ChangeEventHeader")) {
				return changeEvent(channel, replayId, data);
			}
			if (kind == ChannelKind.PLATFORM_EVENT || kind == null && data.path("payload").isObject()) {
				return platformEvent(channel, replayId, data);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Event {} of {} does not have the shape of its channel kind ({}); passed on as a GenericEvent",
					replayId, channel, ex.getMessage());
		}
		return generic(channel, replayId, data);
	}

	/**
	 * The {@code event.replayId}: a whole number from 0 to {@link Long#MAX_VALUE}, written as a JSON number or
	 * (leniently) as a string of digits; {@code -1} when there is none or it is anything else.
	 */
	public static long replayId(JsonNode data) {
		JsonNode id = data.path("event").path("replayId");
		if (id.isIntegralNumber()) {
			return (id.canConvertToLong() && id.asLong() >= 0) ? id.asLong() : -1;
		}
		if (id.isString() && isDigits(id.asString())) {
			try {
				return Long.parseLong(id.asString());
			}
			catch (NumberFormatException ex) {
				return -1; // above Long.MAX_VALUE
			}
		}
		return -1;
	}

	/** Whether the text is 1 to 19 ASCII digits, as a replay id written as a string may be. */
	private static boolean isDigits(String text) {
		if (text.isEmpty() || text.length() > 19) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Tells what keeps a message's {@code data} from being an event that can be handled and whose replay id can
	 * be stored: {@code data} is not an object, it has no {@code event} object, or no usable replay id (see
	 * {@link #replayId}). An event whose body does not fit its channel kind is not malformed: it is parsed as a
	 * {@link GenericEvent}.
	 * @param data the message's {@code data}
	 * @return the problem, in words, or {@code null} when there is none
	 */
	public static @Nullable String problem(JsonNode data) {
		if (!data.isObject()) {
			return data.isMissingNode() ? "the message has no data" : "its data is not a JSON object";
		}
		JsonNode event = data.path("event");
		if (!event.isObject()) {
			return "its data has no event object";
		}
		if (replayId(data) < 0) {
			JsonNode id = event.path("replayId");
			return id.isMissingNode() ? "it has no event.replayId"
					: "its event.replayId is not a whole number from 0 to " + Long.MAX_VALUE;
		}
		return null;
	}

	private PushTopicEvent pushTopic(String channel, long replayId, JsonNode data) {
		JsonNode event = data.path("event");
		return new PushTopicEvent(channel, replayId, instant(event.path("createdDate")),
				text(event.path("type"), "unknown"), require(data, "sobject"), data);
	}

	private PlatformEvent platformEvent(String channel, long replayId, JsonNode data) {
		JsonNode payload = require(data, "payload");
		return new PlatformEvent(channel, replayId, instant(payload.path("CreatedDate")),
				nullableText(data.path("event").path("EventUuid")), nullableText(data.path("schema")), payload, data);
	}

	private ChangeEvent changeEvent(String channel, long replayId, JsonNode data) {
		JsonNode payload = require(data, "payload");
		JsonNode header = require(payload, "ChangeEventHeader");
		ChangeEventHeader parsed = new ChangeEventHeader(text(header.path("entityName"), ""),
				strings(header.path("recordIds")), ChangeType.valueOf(require(header, "changeType").asString()),
				nullableText(header.path("changeOrigin")), nullableText(header.path("transactionKey")),
				header.path("sequenceNumber").asLong(0), header.path("isTransactionEnd").asBoolean(false),
				header.path("commitTimestamp").asLong(0), header.path("commitNumber").asLong(0),
				nullableText(header.path("commitUser")), strings(header.path("changedFields")),
				strings(header.path("nulledFields")), strings(header.path("diffFields")));
		Instant created = (parsed.commitTimestamp() > 0) ? Instant.ofEpochMilli(parsed.commitTimestamp()) : null;
		return new ChangeEvent(channel, replayId, created, nullableText(data.path("schema")), parsed, payload, data);
	}

	private GenericEvent generic(String channel, long replayId, JsonNode data) {
		JsonNode payload = data.path("payload");
		String text = payload.isString() ? payload.asString() : payload.isMissingNode() ? data.toString()
				: payload.toString();
		return new GenericEvent(channel, replayId, instant(data.path("event").path("createdDate")), text, data);
	}

	private static JsonNode require(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull()) {
			throw new IllegalArgumentException("no '" + field + "'");
		}
		return value;
	}

	private static String text(JsonNode node, String fallback) {
		return node.isString() ? node.asString() : fallback;
	}

	private static @Nullable String nullableText(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private static List<String> strings(JsonNode node) {
		if (!node.isArray() || node.isEmpty()) {
			return List.of();
		}
		List<String> values = new ArrayList<>(node.size());
		for (JsonNode value : node.values()) {
			values.add(value.isString() ? value.asString() : value.toString());
		}
		return List.copyOf(values);
	}

	private static @Nullable Instant instant(JsonNode node) {
		if (!node.isString()) {
			return null;
		}
		String text = node.asString();
		Instant fast = SalesforceDates.parse(text);
		if (fast != null) {
			return fast;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text, SALESFORCE_DATE).toInstant();
			}
			catch (DateTimeParseException ex2) {
				return null;
			}
		}
	}

}
