package io.github.sfstreaming.internal.bayeux;

import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.logging.ServerText;

/**
 * Writes Bayeux messages to a DEBUG log with every field that could hold a credential replaced by
 * {@code ****}, and long messages cut.
 */
final class MessageLog {

	private static final int MAX_LENGTH = 4000;

	private MessageLog() {
	}

	/**
	 * Logs one message at DEBUG.
	 * @param logger the logger
	 * @param direction {@code sent} or {@code received}
	 * @param message the message
	 */
	static void debug(Logger logger, String direction, JsonNode message) {
		if (logger.isDebugEnabled()) {
			String text = ServerText.redact(message).toString();
			if (text.length() > MAX_LENGTH) {
				text = text.substring(0, MAX_LENGTH) + "... (" + text.length() + " chars)";
			}
			logger.debug("Bayeux {}: {}", direction, text);
		}
	}

}
