package io.github.sfstreaming.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Salesforce's checks of a platform event record before it is published. The emulator knows no event schema:
 * an event type exists when its {@code /event/X__e} channel exists, every field name ending in {@code __c} is a
 * field of it, and text fields hold at most 255 characters.
 */
final class PlatformEventRecords {

	static final int MAX_TEXT_LENGTH = 255;

	private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__e");

	private static final Pattern CUSTOM_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__c");

	private PlatformEventRecords() {
	}

	/** The channel of an event type, or {@code null} if the name cannot be a platform event. */
	static @Nullable String channel(String eventType) {
		return EVENT_TYPE.matcher(eventType).matches() ? "/event/" + eventType : null;
	}

	/**
	 * An error that refuses the whole request: a field the event does not have ({@code INVALID_FIELD}) or a value
	 * that is not a text, number or boolean ({@code JSON_PARSER_ERROR}).
	 */
	static RestErrors.@Nullable Error requestError(String eventType, Map<String, Object> fields) {
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			if (!CUSTOM_FIELD.matcher(field.getKey()).matches()) {
				return new RestErrors.Error(400, "INVALID_FIELD",
						"No such column '" + field.getKey() + "' on sobject of type " + eventType, List.of());
			}
			Object value = field.getValue();
			if (value instanceof Map || value instanceof List) {
				return new RestErrors.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of "
						+ field.getKey() + " from " + ((value instanceof Map) ? "START_OBJECT" : "START_ARRAY")
						+ " value", List.of());
			}
		}
		return null;
	}

	/**
	 * An error that refuses this record only, as Salesforce reports it in the record's save result: no create
	 * permission on the event ({@code INSUFFICIENT_ACCESS_OR_READONLY}) or a text too long
	 * ({@code STRING_TOO_LONG}).
	 */
	static RestErrors.@Nullable Error recordError(String eventType, Map<String, Object> fields, RestApiState state) {
		if (state.isDenied(eventType)) {
			return new RestErrors.Error(400, "INSUFFICIENT_ACCESS_OR_READONLY",
					"You do not have permission to create " + eventType + " events", List.of());
		}
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			if (field.getValue() instanceof String text && text.length() > MAX_TEXT_LENGTH) {
				String label = field.getKey().substring(0, field.getKey().length() - "__c".length());
				return new RestErrors.Error(400, "STRING_TOO_LONG", label + ": data value too large: "
						+ text.substring(0, 20) + "... (max length=" + MAX_TEXT_LENGTH + ")", List.of(field.getKey()));
			}
		}
		return null;
	}

	/** A save result: {@code {"id":..., "success":..., "errors":[...]}}. */
	static Map<String, Object> saveResult(@Nullable String id, List<Map<String, Object>> errors) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", id);
		result.put("success", id != null);
		result.put("errors", errors);
		return result;
	}

	/** A successful save result of a high-volume event: the UUID rides in an {@code OPERATION_ENQUEUED} entry. */
	static Map<String, Object> enqueued(String id, String eventUuid) {
		return saveResult(id, List.of(RestErrors.saveResultError("OPERATION_ENQUEUED", eventUuid, List.of())));
	}

}
