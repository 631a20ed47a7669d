package io.github.sfstreaming.pubsub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.sfstreaming.publish.PublishError;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a platform event's fields, as the template serialised them to JSON, in Avro binary with the topic's
 * schema. A field the schema does not have, a value that does not fit its field, or a required field left out
 * refuses the event with the error code the REST API gives for it, before anything is sent.
 * {@code CreatedDate} and {@code CreatedById}, which the schema requires and Salesforce's REST API fills in,
 * default to now and the configured user id.
 */
final class AvroEventEncoder {

	private static final String CREATED_DATE = "CreatedDate";

	private static final String CREATED_BY_ID = "CreatedById";

	/** Salesforce's other date-time shape, {@code 2026-11-27T21:00:00.000+0000}. */
	private static final DateTimeFormatter SALESFORCE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

	private AvroEventEncoder() {
	}

	/**
	 * Encodes one event.
	 * @param schema the topic's schema
	 * @param event the event's fields
	 * @param eventType the event's API name, for the messages
	 * @param createdById the default {@code CreatedById}, or {@code null} for an empty string
	 * @return the Avro binary payload
	 * @throws InvalidEventException if the fields do not fit the schema
	 */
	static byte[] encode(Schema schema, ObjectNode event, String eventType, @Nullable String createdById) {
		Map<String, JsonNode> values = matchFields(schema, event, eventType);
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			JsonNode value = values.get(field.name());
			boolean absent = value == null || value.isNull() || value.isMissingNode();
			if (absent && field.name().equals(CREATED_DATE)) {
				record.put(field.pos(), Instant.now().toEpochMilli());
			}
			else if (absent && field.name().equals(CREATED_BY_ID)) {
				record.put(field.pos(), (createdById != null) ? createdById : "");
			}
			else {
				record.put(field.pos(), fieldValue(field, value, eventType));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		try {
			new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
			encoder.flush();
		}
		catch (IOException | RuntimeException ex) {
			// The checks above let through only values of the schema's types: this is a schema they do not know.
			throw refused("JSON_PARSER_ERROR", "The " + eventType + " event cannot be written with its topic's "
					+ "schema: " + ex.getMessage(), List.of());
		}
		return out.toByteArray();
	}

	/** The event's values by schema field name; a name matches case-insensitively, as in the REST API. */
	private static Map<String, JsonNode> matchFields(Schema schema, ObjectNode event, String eventType) {
		Map<String, String> byLowerCase = new HashMap<>();
		schema.getFields().forEach((field) -> byLowerCase.put(field.name().toLowerCase(Locale.ROOT), field.name()));
		Map<String, JsonNode> values = new HashMap<>();
		for (Map.Entry<String, JsonNode> property : event.properties()) {
			String name = property.getKey();
			if (name.equals("attributes")) {
				continue;
			}
			String field = (schema.getField(name) != null) ? name : byLowerCase.get(name.toLowerCase(Locale.ROOT));
			if (field == null) {
				throw refused("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + eventType
						+ ": the topic's schema has no such field", List.of(name));
			}
			values.put(field, property.getValue());
		}
		return values;
	}

	private static @Nullable Object fieldValue(Schema.Field field, @Nullable JsonNode value, String eventType) {
		Schema schema = field.schema();
		if (value == null || value.isNull() || value.isMissingNode()) {
			if (accepts(schema, Schema.Type.NULL)) {
				return null;
			}
			if (field.hasDefaultValue()) {
				// A checkbox left out is false, as in the REST API.
				return GenericData.get().getDefaultValue(field);
			}
			throw refused("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
					List.of(field.name()));
		}
		if (value.isObject() || value.isArray()) {
			throw refused("JSON_PARSER_ERROR", "Cannot deserialize instance of " + field.name() + " from "
					+ (value.isObject() ? "START_OBJECT" : "START_ARRAY") + " value", List.of(field.name()));
		}
		List<Schema> branches = (schema.getType() == Schema.Type.UNION) ? schema.getTypes() : List.of(schema);
		for (Schema branch : branches) {
			Object converted = convert(branch, value);
			if (converted != null) {
				return converted;
			}
		}
		throw refused("INVALID_TYPE_ON_FIELD_IN_RECORD", field.name() + ": value not of required type: "
				+ value.getNodeType().name().toLowerCase(Locale.ROOT) + " for a field of Avro type " + types(branches)
				+ " in the " + eventType + " schema", List.of(field.name()));
	}

	/** The value as the branch's type, or {@code null} if it is not one. */
	private static @Nullable Object convert(Schema branch, JsonNode value) {
		return switch (branch.getType()) {
			case STRING -> value.isValueNode() ? value.asString() : null;
			case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
			case LONG -> isTimestamp(branch) && value.isString() ? epochMillis(value.stringValue())
					: wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
			case INT -> {
				Long number = wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
				yield (number != null) ? Integer.valueOf(number.intValue()) : null;
			}
			case DOUBLE -> value.isNumber() ? value.doubleValue() : null;
			case FLOAT -> value.isNumber() ? value.floatValue() : null;
			case ENUM -> value.isString() && branch.hasEnumSymbol(value.stringValue())
					? new GenericData.EnumSymbol(branch, value.stringValue()) : null;
			case BYTES -> value.isString() ? base64(value.stringValue()) : null;
			default -> null;
		};
	}

	private static boolean isTimestamp(Schema schema) {
		return "timestamp-millis".equals(schema.getProp("logicalType"));
	}

	private static @Nullable Long wholeNumber(JsonNode value, long min, long max) {
		if (!value.isNumber()) {
			return null;
		}
		if (value.isIntegralNumber()) {
			return value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max
					? value.longValue() : null;
		}
		double number = value.doubleValue();
		return (number == Math.rint(number) && number >= min && number <= max) ? (long) number : null;
	}

	/** ISO-8601 ({@code ...Z}, {@code ...+01:00}) or Salesforce's {@code ...+0000}, as epoch milliseconds. */
	private static @Nullable Long epochMillis(String text) {
		for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, SALESFORCE_DATE)) {
			try {
				return OffsetDateTime.parse(text, format).toInstant().toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				// Try the next shape.
			}
		}
		return null;
	}

	private static @Nullable ByteBuffer base64(String text) {
		try {
			return ByteBuffer.wrap(Base64.getDecoder().decode(text));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean accepts(Schema schema, Schema.Type type) {
		return schema.getType() == type
				|| (schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch((s) -> s.getType() == type));
	}

	private static String types(List<Schema> branches) {
		List<String> names = new ArrayList<>();
		branches.forEach((branch) -> names.add(branch.getType().getName()));
		return String.join("|", names);
	}

	private static InvalidEventException refused(String code, String message, List<String> fields) {
		return new InvalidEventException(new PublishError(code, message, fields));
	}

	/** The event's fields do not fit the schema: the error the REST API would give. */
	static final class InvalidEventException extends RuntimeException {

		private final transient PublishError error;

		InvalidEventException(PublishError error) {
			super(error.toString(), null, false, false);
			this.error = error;
		}

		PublishError error() {
			return this.error;
		}

	}

}
