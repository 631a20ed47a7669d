package io.github.sfstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@code data} of a Bayeux event message in Salesforce's JSON shape for each channel kind.
 */
final class EventShapes {

	static final String DEFAULT_USER_ID = "005000000000001AAA";

	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String EVENT_TYPE_MEMBER = "_eventType";

	private EventShapes() {
	}

	/**
	 * Checks that the payload suits the channel, so that a bad payload fails before any event is published.
	 * @throws IllegalArgumentException if it does not
	 */
	static void validate(ChannelKind kind, String payloadJson) {
		if (kind != ChannelKind.GENERIC) {
			Json.readObject(Json.read(payloadJson));
		}
	}

	static Map<String, Object> build(String channel, ChannelKind kind, long replayId, Instant now,
			String payloadJson) {
		return build(channel, kind, replayId, now, payloadJson, null);
	}

	/** As {@link #build(String, ChannelKind, long, Instant, String)}, a platform event with the given UUID. */
	static Map<String, Object> build(String channel, ChannelKind kind, long replayId, Instant now,
			String payloadJson, @Nullable String eventUuid) {
		return switch (kind) {
			case PUSH_TOPIC -> pushTopic(replayId, now, payloadJson);
			case GENERIC -> generic(replayId, now, payloadJson);
			case PLATFORM_EVENT -> platformEvent(channel, replayId, now, payloadJson,
					(eventUuid != null) ? eventUuid : UUID.randomUUID().toString());
			case CHANGE_EVENT -> changeEvent(channel, replayId, now, payloadJson);
		};
	}

	private static Map<String, Object> pushTopic(long replayId, Instant now, String payloadJson) {
		Map<String, Object> sobject = Json.readObject(Json.read(payloadJson));
		Object type = sobject.remove(EVENT_TYPE_MEMBER);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("createdDate", DATE_FORMAT.format(now));
		event.put("replayId", replayId);
		event.put("type", (type != null) ? type.toString() : "created");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("event", event);
		data.put("sobject", sobject);
		return data;
	}

	private static Map<String, Object> generic(long replayId, Instant now, String payloadJson) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("createdDate", DATE_FORMAT.format(now));
		event.put("replayId", replayId);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("event", event);
		data.put("payload", genericPayload(payloadJson));
		return data;
	}

	/** A JSON string value gives its string; any other text is the payload as it is. */
	private static String genericPayload(String payloadJson) {
		try {
			JsonNode node = Json.read(payloadJson);
			if (node.isString()) {
				return node.stringValue();
			}
		}
		catch (IllegalArgumentException ex) {
			// Not JSON: the raw text is the payload.
		}
		return payloadJson;
	}

	private static Map<String, Object> platformEvent(String channel, long replayId, Instant now,
			String payloadJson, String eventUuid) {
		Map<String, Object> payload = Json.readObject(Json.read(payloadJson));
		payload.putIfAbsent("CreatedDate", DATE_FORMAT.format(now));
		payload.putIfAbsent("CreatedById", DEFAULT_USER_ID);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("EventUuid", eventUuid);
		event.put("replayId", replayId);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("schema", schemaId(channel));
		data.put("payload", payload);
		data.put("event", event);
		return data;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> changeEvent(String channel, long replayId, Instant now, String payloadJson) {
		Map<String, Object> fields = Json.readObject(Json.read(payloadJson));
		Object given = fields.remove("ChangeEventHeader");
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("entityName", entityName(channel));
		List<Object> recordIds = new ArrayList<>();
		recordIds.add((fields.get("Id") != null) ? fields.get("Id").toString() : recordId());
		header.put("recordIds", recordIds);
		header.put("changeType", "CREATE");
		header.put("changeOrigin", "com/salesforce/api/soap/64.0;client=SalesforceStreamingEmulator");
		header.put("transactionKey", UUID.randomUUID().toString());
		header.put("sequenceNumber", 1);
		header.put("commitTimestamp", now.toEpochMilli());
		header.put("commitNumber", 10_000_000_000L + replayId);
		header.put("commitUser", DEFAULT_USER_ID);
		header.put("isTransactionEnd", true);
		header.put("changedFields", new ArrayList<>());
		header.put("diffFields", new ArrayList<>());
		header.put("nulledFields", new ArrayList<>());
		if (given instanceof Map<?, ?> givenHeader) {
			header.putAll((Map<String, Object>) givenHeader);
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("ChangeEventHeader", header);
		payload.putAll(fields);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("replayId", replayId);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("schema", schemaId(channel));
		data.put("payload", payload);
		data.put("event", event);
		return data;
	}

	/**
	 * {@code /data/AccountChangeEvent} gives {@code Account}, {@code /data/Invoice__ChangeEvent} gives
	 * {@code Invoice__c}; channels that carry several entities ({@code /data/ChangeEvents}, custom {@code __chn}
	 * channels) default to {@code Account}.
	 */
	static String entityName(String channel) {
		String name = channel.substring("/data/".length());
		if (name.endsWith("__ChangeEvent")) {
			return name.substring(0, name.length() - "__ChangeEvent".length()) + "__c";
		}
		if (name.endsWith("ChangeEvent") && name.length() > "ChangeEvent".length()) {
			return name.substring(0, name.length() - "ChangeEvent".length());
		}
		return "Account";
	}

	/** A stable, Salesforce-looking schema id per channel. */
	static String schemaId(String channel) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(channel.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String recordId() {
		String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		StringBuilder id = new StringBuilder("001");
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < 15; i++) {
			id.append(chars.charAt(random.nextInt(chars.length())));
		}
		return id.toString();
	}

}
