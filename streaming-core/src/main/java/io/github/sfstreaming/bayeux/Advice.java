package io.github.sfstreaming.bayeux;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * The server's Bayeux advice: how to reconnect, how long to wait before the next connect, and how long the
 * server holds a connect.
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
	 * Returns this advice updated with the fields present in a message's {@code advice}.
	 * @param message a Bayeux message
	 * @return the updated advice
	 */
	public Advice update(JsonNode message) {
		JsonNode advice = message.path("advice");
		if (!advice.isObject()) {
			return this;
		}
		String reconnect = advice.path("reconnect").isString() ? advice.path("reconnect").asString() : this.reconnect;
		Duration interval = advice.path("interval").isNumber() ? Duration.ofMillis(advice.path("interval").asLong())
				: this.interval;
		Duration timeout = advice.path("timeout").isNumber() ? Duration.ofMillis(advice.path("timeout").asLong())
				: this.timeout;
		return new Advice(reconnect, interval, timeout);
	}

}
