package io.github.sfstreaming.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's one JSON mapper (Jackson is thread-safe once built).
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	static JsonNode read(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** Reads a JSON object into a mutable, ordered map. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> readObject(JsonNode node) {
		if (!node.isObject()) {
			throw new IllegalArgumentException("expected a JSON object, got: " + node.getNodeType());
		}
		return MAPPER.convertValue(node, LinkedHashMap.class);
	}

}
