package io.github.sfstreaming.bayeux;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Bayeux channel names and helpers to read messages.
 */
public final class Bayeux {

	public static final String HANDSHAKE = "/meta/handshake";

	public static final String CONNECT = "/meta/connect";

	public static final String SUBSCRIBE = "/meta/subscribe";

	public static final String UNSUBSCRIBE = "/meta/unsubscribe";

	public static final String DISCONNECT = "/meta/disconnect";

	private Bayeux() {
	}

	/** The message's {@code channel}, or an empty string. */
	public static String channel(JsonNode message) {
		return message.path("channel").isString() ? message.path("channel").asString() : "";
	}

	/** Whether the channel is a {@code /meta/*} channel. */
	public static boolean isMeta(String channel) {
		return channel.startsWith("/meta/");
	}

	/** Whether a reply says {@code successful: true}. */
	public static boolean isSuccessful(JsonNode reply) {
		return reply.path("successful").isBoolean() && reply.path("successful").asBoolean();
	}

	/** The reply's {@code error}, or {@code null}. */
	public static @Nullable String error(JsonNode reply) {
		return reply.path("error").isString() ? reply.path("error").asString() : null;
	}

	/** Salesforce's {@code ext.sfdc.failureReason}, or {@code null}. */
	public static @Nullable String failureReason(JsonNode reply) {
		JsonNode reason = reply.path("ext").path("sfdc").path("failureReason");
		return reason.isString() ? reason.asString() : null;
	}

	/**
	 * Turns an unsuccessful reply into an exception.
	 * @param reply the reply
	 * @param what what was attempted, for the message
	 * @param advice the advice in force, updated with the reply's
	 * @return the exception
	 */
	public static BayeuxException failure(JsonNode reply, String what, Advice advice) {
		String error = error(reply);
		String reason = failureReason(reply);
		Advice updated = advice.update(reply);
		BayeuxErrorKind kind = BayeuxErrorKind.classify(error, reason);
		if (kind == BayeuxErrorKind.OTHER && Advice.HANDSHAKE.equals(updated.reconnect())) {
			kind = BayeuxErrorKind.UNKNOWN_CLIENT;
		}
		String text = what + " failed: " + ((error != null) ? error : "no error given")
				+ ((reason != null) ? " (failure reason " + reason + ")" : "");
		return new BayeuxException(kind, text, error, updated, null);
	}

}
