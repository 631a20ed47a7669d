package io.github.sfstreaming.internal.bayeux;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.logging.ServerText;

/**
 * The server's Bayeux advice: how to reconnect, how long to wait before the next connect, and how long the
 * server holds a connect. What the server asks for is kept within {@link #MAX_INTERVAL} and
 * {@link #MAX_TIMEOUT}: an absurd advice must not stall the stream.
 *
 * @param reconnect {@code retry}, {@code handshake} or {@code none}
 * @param interval how long to wait before the next connect
 * @param timeout how long the server may hold a connect
 */
public record Advice(String reconnect, Duration interval, Duration timeout) {

	/** Reconnect by sending another {@code /meta/connect}. */
	public static final String RETRY = "retry";

	/** Reconnect by a new handshake. */
	public static final String HANDSHAKE = "handshake";

	/** Do not reconnect (Salesforce sends it with {@code 401::Authentication invalid}). */
	public static final String NONE = "none";

	/** Salesforce's usual advice: retry at once, connects held for 110 s. */
	public static final Advice DEFAULT = new Advice(RETRY, Duration.ZERO, Duration.ofSeconds(110));

	/**
	 * The longest wait between connects the client accepts: Salesforce drops a session that is not polled for
	 * 40 s, so a longer wait could only lose it.
	 */
	public static final Duration MAX_INTERVAL = Duration.ofSeconds(30);

	/** The longest connect hold the client accepts: Salesforce holds connects for 110 s. */
	public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	private static final Logger logger = LoggerFactory.getLogger(Advice.class);

	/** How many distinct odd values are warned about; a server sending ever new ones must not flood the log. */
	private static final int MAX_WARNED = 64;

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Returns this advice updated with the fields present in a message's {@code advice}. An {@code interval} or
	 * {@code timeout} above its bound is lowered to it; a negative or non-numeric one is ignored; either is
	 * logged at WARN once per value.
	 * @param message a Bayeux message
	 * @return the updated advice
	 */
	public Advice update(JsonNode message) {
		JsonNode advice = message.path("advice");
		if (!advice.isObject()) {
			return this;
		}
		String reconnect = advice.path("reconnect").isString() ? advice.path("reconnect").asString() : this.reconnect;
		Duration interval = duration(advice, "interval", MAX_INTERVAL, this.interval);
		Duration timeout = duration(advice, "timeout", MAX_TIMEOUT, this.timeout);
		return new Advice(reconnect, interval, timeout);
	}

	private static Duration duration(JsonNode advice, String field, Duration max, Duration current) {
		JsonNode value = advice.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return current;
		}
		if (!value.isNumber()) {
			warn(field, value, "not a number of milliseconds: ignored");
			return current;
		}
		// a number too large for a long (1e300, a 40-digit integer) counts as "very long", not as an error
		long millis = value.canConvertToLong() ? value.longValue() : ((value.doubleValue() > 0) ? Long.MAX_VALUE : -1);
		if (millis < 0) {
			warn(field, value, "negative: ignored");
			return current;
		}
		if (millis > max.toMillis()) {
			warn(field, value, "above the bound of " + max.toMillis() + " ms: " + max.toMillis() + " ms is used");
			return max;
		}
		return Duration.ofMillis(millis);
	}

	private static void warn(String field, JsonNode value, String problem) {
		String text = ServerText.escape(value.isString() ? value.asString() : value.toString());
		String key = field + '=' + text;
		if (warned.contains(key) || warned.size() >= MAX_WARNED || !warned.add(key)) {
			logger.debug("The server's advice asks for {} = {}; {}", field, text, problem);
			return;
		}
		logger.warn("The server's advice asks for {} = {}; {}", field, text, problem);
	}

}
