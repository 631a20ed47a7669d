package io.github.sfstreaming.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;

/**
 * The Avro side of the emulator's Pub/Sub API. A channel has no declared schema: each event's schema is derived
 * from its own fields (platform events: {@code CreatedDate}, {@code CreatedById} and the payload's fields; change
 * events: the {@code ChangeEventHeader} and every field the payload holds or the header names), so publishing an
 * event with a new field changes the schema mid-stream, as a deployed field change does at Salesforce. A schema id
 * is a digest of the schema's JSON. Change event headers carry their field lists as Salesforce's bitmaps.
 */
final class PubSubSchemas {

	private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final List<String> CHANGE_TYPES = List.of("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE",
			"GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW");

	private static final List<String> BITMAP_FIELDS = List.of("nulledFields", "diffFields", "changedFields");

	private final Map<String, Schema> byId = new ConcurrentHashMap<>();

	private final EventDefinitions definitions;

	/** Per channel: from which replay id on (exclusive) which schema generation applies. */
	private final Map<String, NavigableMap<Long, Integer>> generations = new ConcurrentHashMap<>();

	/** One event as the Pub/Sub API sends it. */
	record Encoded(String eventId, String schemaId, byte[] payload) {
	}

	PubSubSchemas(EventDefinitions definitions) {
		this.definitions = definitions;
	}

	/**
	 * Changes the schema of the channel's events published after {@code lastReplayId}, though their fields stay
	 * the same: the custom fields come in the reverse order, so a payload read with an older schema is garbage.
	 */
	void changeSchema(String channel, long lastReplayId) {
		NavigableMap<Long, Integer> changes = this.generations.computeIfAbsent(channel,
				(key) -> Collections.synchronizedNavigableMap(new TreeMap<>()));
		synchronized (changes) {
			int next = changes.isEmpty() ? 1 : changes.lastEntry().getValue() + 1;
			changes.put(lastReplayId, next);
		}
	}

	void reset() {
		this.generations.clear();
	}

	@Nullable Schema find(String schemaId) {
		return this.byId.get(schemaId);
	}

	/** The id under which the schema is known to {@code GetSchema}. */
	String register(Schema schema) {
		String id = schemaId(schema);
		this.byId.putIfAbsent(id, schema);
		return id;
	}

	Encoded encode(String channel, ChannelKind kind, RetainedEvent event) {
		Map<String, Object> data = event.data();
		Map<String, Object> payload = map(data.get("payload"));
		int generation = generation(channel, event.replayId());
		Schema schema = (kind == ChannelKind.CHANGE_EVENT) ? changeSchema(channel, payload, generation)
				: platformSchema(channel, payload, generation);
		String schemaId = register(schema);
		GenericRecord record = (kind == ChannelKind.CHANGE_EVENT) ? changeRecord(schema, payload)
				: platformRecord(schema, payload, this.definitions.fields(channel));
		Object uuid = map(data.get("event")).get("EventUuid");
		String eventId = (uuid != null) ? uuid.toString()
				: UUID.nameUUIDFromBytes((channel + "#" + event.replayId()).getBytes(StandardCharsets.UTF_8))
					.toString();
		return new Encoded(eventId, schemaId, write(schema, record));
	}

	/**
	 * The schema events published now are written with: that of the declared fields, else that of the channel's
	 * newest event, or a bare one.
	 */
	Schema currentSchema(String channel, ChannelKind kind, @Nullable RetainedEvent newest) {
		Map<String, Object> payload = (newest != null) ? map(newest.data().get("payload")) : Map.of();
		int generation = generation(channel, Long.MAX_VALUE);
		return (kind == ChannelKind.CHANGE_EVENT) ? changeSchema(channel, payload, generation)
				: platformSchema(channel, payload, generation);
	}

	/**
	 * Reads a published platform event into the JSON fields the emulator publishes.
	 * @throws IOException if the payload does not match the schema
	 */
	static Map<String, Object> readPlatformEvent(Schema schema, byte[] payload) throws IOException {
		BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
		GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
		if (!decoder.isEnd()) {
			throw new IOException("the payload has bytes after its record");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		for (Schema.Field field : schema.getFields()) {
			Object value = record.get(field.pos());
			if (value instanceof Long millis && isTimestamp(field.schema())) {
				// Date/time fields travel as ISO-8601 text on the Bayeux side, as at Salesforce.
				fields.put(field.name(), DATE_FORMAT.format(Instant.ofEpochMilli(millis)));
			}
			else if (value instanceof CharSequence text) {
				fields.put(field.name(), text.toString());
			}
			else if (value != null) {
				fields.put(field.name(), value);
			}
		}
		return fields;
	}

	private static boolean isTimestamp(Schema schema) {
		if (schema.getType() == Schema.Type.UNION) {
			return schema.getTypes().stream().anyMatch(PubSubSchemas::isTimestamp);
		}
		return schema.getType() == Schema.Type.LONG && "timestamp-millis".equals(schema.getProp("logicalType"));
	}

	private int generation(String channel, long replayId) {
		NavigableMap<Long, Integer> changes = this.generations.get(channel);
		if (changes == null) {
			return 0;
		}
		synchronized (changes) {
			Map.Entry<Long, Integer> entry = changes.lowerEntry(replayId);
			return (entry != null) ? entry.getValue() : 0;
		}
	}

	private Schema platformSchema(String channel, Map<String, Object> payload, int generation) {
		Map<String, EventFieldType> declared = this.definitions.fields(channel);
		List<Schema.Field> custom = new ArrayList<>();
		if (declared != null) {
			declared.forEach((name, type) -> custom.add(declaredField(name, type)));
		}
		else {
			for (Map.Entry<String, Object> entry : payload.entrySet()) {
				String name = entry.getKey();
				if (!name.equals("CreatedDate") && !name.equals("CreatedById") && AVRO_NAME.matcher(name).matches()) {
					custom.add(nullable(name, scalarType(entry.getValue())));
				}
			}
		}
		List<Schema.Field> fields = new ArrayList<>();
		fields.add(new Schema.Field("CreatedDate", timestampMillis(), "When the event was created"));
		fields.add(new Schema.Field("CreatedById", Schema.create(Schema.Type.STRING), "Who created the event"));
		fields.addAll(ordered(custom, generation));
		return record(recordName(channel, "/event/"), "emulator.event", fields, generation);
	}

	/** A declared field as Salesforce writes it: nullable, except a checkbox, which is {@code false} by default. */
	private static Schema.Field declaredField(String name, EventFieldType type) {
		return switch (type) {
			case TEXT -> nullable(name, Schema.create(Schema.Type.STRING));
			case NUMBER -> nullable(name, Schema.create(Schema.Type.DOUBLE));
			case CHECKBOX -> new Schema.Field(name, Schema.create(Schema.Type.BOOLEAN), null, false);
			case DATE_TIME -> nullable(name, timestampMillis());
		};
	}

	private static Schema timestampMillis() {
		Schema millis = Schema.create(Schema.Type.LONG);
		millis.addProp("logicalType", "timestamp-millis");
		return millis;
	}

	private static Schema changeSchema(String channel, Map<String, Object> payload, int generation) {
		Map<String, Object> header = map(payload.get("ChangeEventHeader"));
		// Every field the body holds or the header names, compound ones with their parts.
		Map<String, List<String>> entityFields = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : payload.entrySet()) {
			if (!entry.getKey().equals("ChangeEventHeader") && AVRO_NAME.matcher(entry.getKey()).matches()) {
				List<String> parts = entityFields.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>());
				if (entry.getValue() instanceof Map<?, ?> compound) {
					compound.keySet().forEach((part) -> addPart(parts, part.toString()));
				}
			}
		}
		for (String list : BITMAP_FIELDS) {
			for (Object name : (header.get(list) instanceof List<?> names) ? names : List.of()) {
				String[] path = name.toString().split("\\.", 2);
				if (AVRO_NAME.matcher(path[0]).matches()) {
					List<String> parts = entityFields.computeIfAbsent(path[0], (key) -> new ArrayList<>());
					if (path.length == 2) {
						addPart(parts, path[1]);
					}
				}
			}
		}
		List<Schema.Field> custom = new ArrayList<>();
		for (Map.Entry<String, List<String>> field : entityFields.entrySet()) {
			Object value = payload.get(field.getKey());
			if (field.getValue().isEmpty()) {
				custom.add(nullable(field.getKey(), scalarType(value)));
				continue;
			}
			Map<String, Object> compound = map(value);
			List<Schema.Field> parts = new ArrayList<>();
			for (String part : field.getValue()) {
				parts.add(nullable(part, scalarType(compound.get(part))));
			}
			custom.add(nullable(field.getKey(), record(field.getKey(), "emulator.compound", parts, 0)));
		}
		List<Schema.Field> fields = new ArrayList<>();
		fields.add(new Schema.Field("ChangeEventHeader", headerSchema(), "The change event header"));
		fields.addAll(ordered(custom, generation));
		return record(recordName(channel, "/data/"), "emulator.data", fields, generation);
	}

	private static void addPart(List<String> parts, String part) {
		if (AVRO_NAME.matcher(part).matches() && !parts.contains(part)) {
			parts.add(part);
		}
	}

	private static Schema headerSchema() {
		Schema strings = Schema.createArray(Schema.create(Schema.Type.STRING));
		List<Schema.Field> fields = new ArrayList<>();
		fields.add(new Schema.Field("entityName", Schema.create(Schema.Type.STRING)));
		fields.add(new Schema.Field("recordIds", strings));
		fields.add(new Schema.Field("changeType",
				Schema.createEnum("ChangeType", null, "emulator.data", CHANGE_TYPES)));
		fields.add(new Schema.Field("changeOrigin", Schema.create(Schema.Type.STRING)));
		fields.add(new Schema.Field("transactionKey", Schema.create(Schema.Type.STRING)));
		fields.add(new Schema.Field("sequenceNumber", Schema.create(Schema.Type.INT)));
		fields.add(new Schema.Field("commitTimestamp", Schema.create(Schema.Type.LONG)));
		fields.add(new Schema.Field("commitNumber", Schema.create(Schema.Type.LONG)));
		fields.add(new Schema.Field("commitUser", Schema.create(Schema.Type.STRING)));
		fields.add(new Schema.Field("nulledFields", Schema.createArray(Schema.create(Schema.Type.STRING))));
		fields.add(new Schema.Field("diffFields", Schema.createArray(Schema.create(Schema.Type.STRING))));
		fields.add(new Schema.Field("changedFields", Schema.createArray(Schema.create(Schema.Type.STRING))));
		fields.add(new Schema.Field("isTransactionEnd", Schema.create(Schema.Type.BOOLEAN), null, false));
		return Schema.createRecord("ChangeEventHeader", null, "emulator.data", false, fields);
	}

	private static List<Schema.Field> ordered(List<Schema.Field> custom, int generation) {
		List<Schema.Field> fields = new ArrayList<>(custom);
		if (generation % 2 == 1) {
			Collections.reverse(fields);
		}
		return fields;
	}

	private static Schema record(String name, String namespace, List<Schema.Field> fields, int generation) {
		String doc = (generation > 0) ? "schema generation " + generation : null;
		return Schema.createRecord(name, doc, namespace, false, fields);
	}

	private static String recordName(String channel, String prefix) {
		String name = channel.substring(prefix.length());
		return AVRO_NAME.matcher(name).matches() ? name : "Event";
	}

	private static Schema.Field nullable(String name, Schema type) {
		return new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), null,
				JsonProperties.NULL_VALUE);
	}

	/** The Avro type of a JSON value; objects and arrays travel as their JSON text. */
	private static Schema scalarType(@Nullable Object value) {
		if (value instanceof Boolean) {
			return Schema.create(Schema.Type.BOOLEAN);
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return Schema.create(Schema.Type.LONG);
		}
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			return Schema.create(Schema.Type.DOUBLE);
		}
		return Schema.create(Schema.Type.STRING);
	}

	private static GenericRecord platformRecord(Schema schema, Map<String, Object> payload,
			@Nullable Map<String, EventFieldType> declared) {
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			Object value = payload.get(field.name());
			EventFieldType type = (declared != null) ? declared.get(field.name()) : null;
			if (field.name().equals("CreatedDate")) {
				record.put(field.pos(), epochMillis(value));
			}
			else if (field.name().equals("CreatedById")) {
				record.put(field.pos(), (value != null) ? value.toString() : EventShapes.DEFAULT_USER_ID);
			}
			else if (type != null) {
				record.put(field.pos(), declaredValue(type, value));
			}
			else {
				record.put(field.pos(), scalarValue(value));
			}
		}
		return record;
	}

	/**
	 * A value of a declared field, as near as the published JSON allows: {@code emulator.publish(..)} takes any
	 * JSON, so what cannot be read as the field's type is left null (a checkbox false).
	 */
	private static @Nullable Object declaredValue(EventFieldType type, @Nullable Object value) {
		return switch (type) {
			case TEXT -> (value == null) ? null : (value instanceof String text) ? text : Json.write(value);
			case NUMBER -> (value instanceof Number number) ? number.doubleValue() : parseDouble(value);
			case CHECKBOX -> Boolean.TRUE.equals(value) || "true".equals(value);
			case DATE_TIME -> (value == null) ? null : parseMillis(value);
		};
	}

	private static @Nullable Double parseDouble(@Nullable Object value) {
		try {
			return (value != null) ? Double.valueOf(value.toString()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Long parseMillis(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		try {
			return Instant.parse(value.toString()).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static GenericRecord changeRecord(Schema schema, Map<String, Object> payload) {
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			Object value = payload.get(field.name());
			if (field.name().equals("ChangeEventHeader")) {
				record.put(field.pos(), headerRecord(field.schema(), schema, map(value)));
				continue;
			}
			Schema type = field.schema().getTypes().get(1);
			if (type.getType() == Schema.Type.RECORD) {
				record.put(field.pos(), (value instanceof Map<?, ?>) ? compoundRecord(type, map(value)) : null);
			}
			else {
				record.put(field.pos(), scalarValue(value));
			}
		}
		return record;
	}

	private static GenericRecord compoundRecord(Schema schema, Map<String, Object> value) {
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field part : schema.getFields()) {
			record.put(part.pos(), scalarValue(value.get(part.name())));
		}
		return record;
	}

	private static GenericRecord headerRecord(Schema headerSchema, Schema eventSchema, Map<String, Object> header) {
		GenericRecord record = new GenericData.Record(headerSchema);
		record.put("entityName", text(header.get("entityName")));
		record.put("recordIds", strings(header.get("recordIds")));
		String changeType = text(header.get("changeType"));
		record.put("changeType", new GenericData.EnumSymbol(headerSchema.getField("changeType").schema(),
				CHANGE_TYPES.contains(changeType) ? changeType : "CREATE"));
		record.put("changeOrigin", text(header.get("changeOrigin")));
		record.put("transactionKey", text(header.get("transactionKey")));
		record.put("sequenceNumber", (int) number(header.get("sequenceNumber")));
		record.put("commitTimestamp", number(header.get("commitTimestamp")));
		record.put("commitNumber", number(header.get("commitNumber")));
		record.put("commitUser", text(header.get("commitUser")));
		for (String list : BITMAP_FIELDS) {
			record.put(list, bitmaps(eventSchema, strings(header.get(list))));
		}
		record.put("isTransactionEnd", Boolean.TRUE.equals(header.get("isTransactionEnd")));
		return record;
	}

	/**
	 * Field names as Salesforce's bitmaps: {@code 0x...} over the top-level field positions, {@code N-0x...} over
	 * the parts of the compound field at position N ({@code Name.FirstName}).
	 */
	static List<String> bitmaps(Schema eventSchema, List<String> names) {
		BitSet top = new BitSet();
		Map<Integer, BitSet> nested = new TreeMap<>();
		for (String name : names) {
			String[] path = name.split("\\.", 2);
			Schema.Field field = eventSchema.getField(path[0]);
			if (field == null) {
				continue;
			}
			if (path.length == 1) {
				top.set(field.pos());
				continue;
			}
			Schema compound = field.schema().getTypes().get(1);
			Schema.Field part = (compound.getType() == Schema.Type.RECORD) ? compound.getField(path[1]) : null;
			if (part != null) {
				nested.computeIfAbsent(field.pos(), (pos) -> new BitSet()).set(part.pos());
			}
		}
		List<String> bitmaps = new ArrayList<>();
		if (!top.isEmpty()) {
			bitmaps.add(hex(top));
		}
		nested.forEach((pos, bits) -> bitmaps.add(pos + "-" + hex(bits)));
		return bitmaps;
	}

	/** Bit i of the set is bit i of the number the hex digits write (BitSet's bytes are little-endian). */
	private static String hex(BitSet bits) {
		byte[] bytes = bits.toByteArray();
		StringBuilder hex = new StringBuilder("0x");
		for (int i = bytes.length - 1; i >= 0; i--) {
			hex.append(String.format("%02X", bytes[i]));
		}
		return hex.toString();
	}

	private static @Nullable Object scalarValue(@Nullable Object value) {
		if (value == null || value instanceof Boolean || value instanceof String) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return ((Number) value).longValue();
		}
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof BigInteger big) {
			return big.toString();
		}
		return Json.write(value);
	}

	private static long epochMillis(@Nullable Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value != null) {
			try {
				return Instant.parse(value.toString()).toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				// Not a date: the publication time below.
			}
		}
		return Instant.now().toEpochMilli();
	}

	private static String text(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static List<String> strings(@Nullable Object value) {
		List<String> strings = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> strings.add(String.valueOf(item)));
		}
		return strings;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	private static byte[] write(Schema schema, GenericRecord record) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		try {
			new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
			encoder.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode an event with its own schema: " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

	private static String schemaId(Schema schema) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(schema.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
