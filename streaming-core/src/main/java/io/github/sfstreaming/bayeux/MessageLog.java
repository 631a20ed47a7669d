package io.github.sfstreaming.bayeux;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Bayeux messages to a DEBUG log with every field that could hold a credential replaced by
 * {@code ****}, and long messages cut.
 */
public final class MessageLog {

	private static final Set<String> SECRET_KEYWORDS = Set.of("token", "password", "secret", "authorization",
			"assertion", "signature", "sessionid", "sid", "cookie");

	private static final int MAX_LENGTH = 4000;

	private MessageLog() {
	}

	/**
	 * Logs one message at DEBUG.
	 * @param logger the logger
	 * @param direction {@code sent} or {@code received}
	 * @param message the message
	 */
	public static void debug(Logger logger, String direction, JsonNode message) {
		if (logger.isDebugEnabled()) {
			String text = redact(message).toString();
			if (text.length() > MAX_LENGTH) {
				text = text.substring(0, MAX_LENGTH) + "... (" + text.length() + " chars)";
			}
			logger.debug("Bayeux {}: {}", direction, text);
		}
	}

	/**
	 * Returns a copy of {@code node} whose credential-like fields are masked.
	 * @param node a JSON value
	 * @return the redacted copy
	 */
	public static JsonNode redact(JsonNode node) {
		JsonNode copy = node.deepCopy();
		mask(copy);
		return copy;
	}

	private static void mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (isSecret(field.getKey()) && field.getValue().isValueNode()) {
					object.put(field.getKey(), "****");
				}
				else {
					mask(field.getValue());
				}
			}
		}
		else if (node.isArray()) {
			node.values().forEach(MessageLog::mask);
		}
	}

	static boolean isSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT).replace("_", "");
		return SECRET_KEYWORDS.stream().anyMatch(lower::contains);
	}

}
