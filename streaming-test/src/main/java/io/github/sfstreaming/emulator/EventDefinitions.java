package io.github.sfstreaming.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The platform events whose fields a test declared. Salesforce knows each event's fields from its definition; the
 * emulator otherwise derives a schema from each event's own fields, which leaves a publisher nothing to write a
 * field that no event has carried yet. A definition is metadata, like a channel given to the builder: it survives
 * {@link SalesforceStreamingEmulator#reset()}.
 */
final class EventDefinitions {

	private static final Pattern CUSTOM_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*__c");

	private final Map<String, Map<String, EventFieldType>> definitions = new ConcurrentHashMap<>();

	void define(String channel, Map<String, EventFieldType> fields) {
		if (ChannelKind.of(channel) != ChannelKind.PLATFORM_EVENT) {
			throw new IllegalArgumentException("Only platform events (/event/X__e) have declared fields, not "
					+ channel);
		}
		Map<String, EventFieldType> copy = new LinkedHashMap<>();
		fields.forEach((name, type) -> {
			if (name == null || !CUSTOM_FIELD.matcher(name).matches()) {
				throw new IllegalArgumentException("A platform event's custom field is named like Amount__c, not '"
						+ name + "'");
			}
			if (type == null) {
				throw new IllegalArgumentException("The type of field " + name + " is missing");
			}
			copy.put(name, type);
		});
		this.definitions.put(channel, Collections.unmodifiableMap(copy));
	}

	/** The declared custom fields of the channel, in their declared order, or {@code null} if none were. */
	@Nullable Map<String, EventFieldType> fields(String channel) {
		return this.definitions.get(channel);
	}

}
