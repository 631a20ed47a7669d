package io.github.sfstreaming.pubsub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeEventHeader;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.logging.ServerText;
import io.github.sfstreaming.pubsub.proto.ConsumerEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes Pub/Sub events into the core's event types, each with the schema its own {@code schema_id} names. The
 * {@code data} node has CometD's shape ({@code schema}, {@code payload}, {@code event}) so a listener sees the
 * same over both transports: {@code CreatedDate} and {@code timestamp-millis} fields become ISO-8601 text, and a
 * change event header's bitmap field lists become field names.
 */
final class AvroEventDecoder {

	private static final Logger logger = LoggerFactory.getLogger(AvroEventDecoder.class);

	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final List<String> BITMAP_FIELDS = List.of("changedFields", "nulledFields", "diffFields");

	private final SchemaCache schemas;

	/**
	 * A reader per schema: building one per event was the decoder's largest allocation. The decoder runs on its
	 * subscriber's one thread, so plain maps and a reused binary decoder are safe.
	 */
	private final Map<Schema, GenericDatumReader<GenericRecord>> readers = new IdentityHashMap<>();

	private @Nullable BinaryDecoder binaryDecoder;

	AvroEventDecoder(SchemaCache schemas) {
		this.schemas = schemas;
	}

	/**
	 * Decodes one event. A payload that cannot be read with its schema is passed on as a {@link GenericEvent}
	 * holding the payload in base64, so that it is handled (and its position stored) rather than stalling the
	 * topic.
	 * @throws RuntimeException if the schema cannot be fetched (the caller resubscribes)
	 */
	PubSubEvent decode(String topic, ConsumerEvent consumed) {
		PubSubReplayId replayId = PubSubReplayId.of(consumed.getReplayId().toByteArray());
		String schemaId = consumed.getEvent().getSchemaId();
		String eventId = consumed.getEvent().getId();
		Schema schema = this.schemas.get(schemaId);
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.put("schema", schemaId);
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		byte[] bytes = consumed.getEvent().getPayload().toByteArray();
		try {
			GenericRecord record = read(schema, bytes);
			boolean change = topic.startsWith("/data/") || schema.getField("ChangeEventHeader") != null;
			ObjectNode payload = (ObjectNode) toJson(record, schema);
			data.set("payload", payload);
			if (change) {
				expandBitmaps(schema, payload);
			}
			else {
				event.put("EventUuid", eventId);
			}
			event.put("replayId", Base64.getEncoder().encodeToString(replayId.toByteArray()));
			data.set("event", event);
			StreamingEvent typed = change ? changeEvent(topic, schemaId, payload, data)
					: platformEvent(topic, schemaId, eventId, payload, data);
			return new PubSubEvent(typed, replayId, schemaId, eventId);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Event {} of {} cannot be read with its schema {} ({}); passed on as a GenericEvent",
					ServerText.escape(eventId), topic, ServerText.escape(schemaId), ServerText.escape(ex.getMessage()));
			String raw = Base64.getEncoder().encodeToString(bytes);
			event.put("replayId", Base64.getEncoder().encodeToString(replayId.toByteArray()));
			data.put("payload", raw);
			data.set("event", event);
			return new PubSubEvent(new GenericEvent(topic, 0, null, raw, data), replayId, schemaId, eventId);
		}
	}

	private GenericRecord read(Schema schema, byte[] payload) throws IOException {
		BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, this.binaryDecoder);
		this.binaryDecoder = decoder;
		GenericDatumReader<GenericRecord> reader = this.readers.computeIfAbsent(schema, GenericDatumReader::new);
		GenericRecord record = reader.read(null, decoder);
		if (!decoder.isEnd()) {
			throw new IOException("the payload is longer than its schema's record");
		}
		return record;
	}

	private static PlatformEvent platformEvent(String topic, String schemaId, String eventId, ObjectNode payload,
			ObjectNode data) {
		JsonNode created = payload.path("CreatedDate");
		Instant createdDate = created.isString() ? Instant.parse(created.asString()) : null;
		return new PlatformEvent(topic, 0, createdDate, eventId.isEmpty() ? null : eventId, schemaId, payload, data);
	}

	private static ChangeEvent changeEvent(String topic, String schemaId, ObjectNode payload, ObjectNode data) {
		JsonNode header = payload.path("ChangeEventHeader");
		if (!header.isObject()) {
			throw new IllegalArgumentException("no ChangeEventHeader");
		}
		ChangeEventHeader parsed = new ChangeEventHeader(text(header.path("entityName")),
				strings(header.path("recordIds")), ChangeType.valueOf(header.path("changeType").asString()),
				nullableText(header.path("changeOrigin")), nullableText(header.path("transactionKey")),
				header.path("sequenceNumber").asLong(0), header.path("isTransactionEnd").asBoolean(false),
				header.path("commitTimestamp").asLong(0), header.path("commitNumber").asLong(0),
				nullableText(header.path("commitUser")), strings(header.path("changedFields")),
				strings(header.path("nulledFields")), strings(header.path("diffFields")));
		Instant created = (parsed.commitTimestamp() > 0) ? Instant.ofEpochMilli(parsed.commitTimestamp()) : null;
		return new ChangeEvent(topic, 0, created, schemaId, parsed, payload, data);
	}

	private static void expandBitmaps(Schema schema, ObjectNode payload) {
		JsonNode header = payload.path("ChangeEventHeader");
		if (!(header instanceof ObjectNode headerNode)) {
			return;
		}
		for (String field : BITMAP_FIELDS) {
			JsonNode elements = headerNode.path(field);
			if (elements.isArray()) {
				ArrayNode names = headerNode.putArray(field);
				ChangeEventBitmaps.expand(schema, strings(elements)).forEach(names::add);
			}
		}
	}

	/** An Avro value as JSON; {@code CreatedDate} and {@code timestamp-millis} longs as ISO-8601 text. */
	private static JsonNode toJson(@Nullable Object value, Schema schema) {
		JsonNodeFactory json = JsonNodeFactory.instance;
		if (value == null) {
			return json.nullNode();
		}
		Schema type = branch(value, schema);
		if (value instanceof GenericRecord record) {
			ObjectNode node = json.objectNode();
			for (Schema.Field field : record.getSchema().getFields()) {
				Object fieldValue = record.get(field.pos());
				if (field.name().equals("CreatedDate") && fieldValue instanceof Long millis) {
					node.put(field.name(), DATE_FORMAT.format(Instant.ofEpochMilli(millis)));
				}
				else {
					node.set(field.name(), toJson(fieldValue, field.schema()));
				}
			}
			return node;
		}
		if (value instanceof Long millis && "timestamp-millis".equals(type.getProp("logicalType"))) {
			return json.stringNode(DATE_FORMAT.format(Instant.ofEpochMilli(millis)));
		}
		if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
			return json.stringNode(value.toString());
		}
		if (value instanceof Long number) {
			return json.numberNode(number);
		}
		if (value instanceof Integer number) {
			return json.numberNode(number);
		}
		if (value instanceof Double number) {
			return json.numberNode(number);
		}
		if (value instanceof Float number) {
			return json.numberNode(number);
		}
		if (value instanceof Boolean bool) {
			return json.booleanNode(bool);
		}
		if (value instanceof GenericArray<?> || value instanceof List<?>) {
			ArrayNode array = json.arrayNode();
			Schema items = (type.getType() == Schema.Type.ARRAY) ? type.getElementType() : Schema.create(Schema.Type.NULL);
			for (Object item : (Iterable<?>) value) {
				array.add(toJson(item, items));
			}
			return array;
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode node = json.objectNode();
			Schema values = (type.getType() == Schema.Type.MAP) ? type.getValueType() : Schema.create(Schema.Type.NULL);
			map.forEach((key, item) -> node.set(key.toString(), toJson(item, values)));
			return node;
		}
		if (value instanceof ByteBuffer bytes) {
			byte[] copy = new byte[bytes.remaining()];
			bytes.duplicate().get(copy);
			return json.stringNode(Base64.getEncoder().encodeToString(copy));
		}
		if (value instanceof GenericFixed fixed) {
			return json.stringNode(Base64.getEncoder().encodeToString(fixed.bytes()));
		}
		return json.stringNode(value.toString());
	}

	/** The member of a union the value was written as (by its Avro type), else the schema itself. */
	private static Schema branch(Object value, Schema schema) {
		if (schema.getType() != Schema.Type.UNION) {
			return schema;
		}
		for (Schema member : schema.getTypes()) {
			if (member.getType() == Schema.Type.LONG && value instanceof Long
					|| member.getType() == Schema.Type.ARRAY && value instanceof GenericArray<?>
					|| member.getType() == Schema.Type.MAP && value instanceof Map<?, ?>) {
				return member;
			}
		}
		return schema;
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : "";
	}

	private static @Nullable String nullableText(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node.isArray()) {
			node.values().forEach((value) -> values.add(value.isString() ? value.asString() : value.toString()));
		}
		return List.copyOf(values);
	}

}
