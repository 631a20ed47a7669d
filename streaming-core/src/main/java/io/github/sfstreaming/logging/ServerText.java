package io.github.sfstreaming.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes what a server sent safe to put in a log line or an exception message. Text (error strings, channel
 * names, OAuth error descriptions) has its control characters, CR and LF included, escaped so that a hostile
 * server cannot forge log lines, and long text is cut; JSON has its credential-like fields masked.
 */
public final class ServerText {

	/** The most characters of one server string written to a log line. */
	public static final int MAX_LENGTH = 500;

	private static final Set<String> SECRET_KEYWORDS = Set.of("token", "password", "secret", "authorization",
			"assertion", "signature", "sessionid", "sid", "cookie");

	private ServerText() {
	}

	/**
	 * Returns {@code text} with control characters escaped ({@code \n}, {@code \r}, {@code \t},
	 * {@code \\uXXXX}) and cut to {@link #MAX_LENGTH} characters.
	 * @param text what the server sent, or {@code null}
	 * @return the escaped text, or {@code "null"}
	 */
	public static String escape(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder escaped = null;
		int length = Math.min(text.length(), MAX_LENGTH);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
			if (control && escaped == null) {
				escaped = new StringBuilder(length + 16).append(text, 0, i);
			}
			if (escaped != null) {
				if (!control) {
					escaped.append(c);
				}
				else if (c == '\n') {
					escaped.append("\\n");
				}
				else if (c == '\r') {
					escaped.append("\\r");
				}
				else if (c == '\t') {
					escaped.append("\\t");
				}
				else {
					escaped.append(String.format("\\u%04x", (int) c));
				}
			}
		}
		String result = (escaped != null) ? escaped.toString() : text.substring(0, length);
		return (text.length() > MAX_LENGTH) ? result + "... (" + text.length() + " chars)" : result;
	}

	/**
	 * Returns a copy of {@code json} whose credential-like fields (names containing {@code token},
	 * {@code password}, {@code secret}, {@code sessionId}, ...) hold {@code ****} instead of their value. The
	 * copy's text still needs {@link #escape(String)} before it goes into a log line.
	 * @param json a JSON value, for example a Bayeux message
	 * @return the redacted copy
	 */
	public static JsonNode redact(JsonNode json) {
		JsonNode copy = json.deepCopy();
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
			node.values().forEach(ServerText::mask);
		}
	}

	private static boolean isSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT).replace("_", "");
		return SECRET_KEYWORDS.stream().anyMatch(lower::contains);
	}

}
