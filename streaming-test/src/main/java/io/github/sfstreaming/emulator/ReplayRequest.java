package io.github.sfstreaming.emulator;

import java.util.Map;

import org.cometd.bayeux.Message;
import org.jspecify.annotations.Nullable;

/**
 * Reads the replay id a {@code /meta/subscribe} asks for in {@code ext.replay}.
 */
final class ReplayRequest {

	private ReplayRequest() {
	}

	/**
	 * The replay id asked for the channel, or {@code null} if the message gives none.
	 * @throws IllegalArgumentException if the value is not a whole number
	 */
	static @Nullable Long of(Message message, String channel) {
		Map<String, Object> ext = message.getExt();
		if (ext == null || !(ext.get("replay") instanceof Map<?, ?> replay)) {
			return null;
		}
		Object value = replay.get(channel);
		if (value == null) {
			return null;
		}
		if (value instanceof Number number && number.doubleValue() == number.longValue()) {
			return number.longValue();
		}
		try {
			return Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(value.toString(), ex);
		}
	}

}
