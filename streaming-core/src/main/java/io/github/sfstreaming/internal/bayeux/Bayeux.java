package io.github.sfstreaming.internal.bayeux;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.logging.ServerText;

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
		JsonNode channel = message.get("channel");
		return (channel != null && channel.isString()) ? channel.asString() : "";
	}

	/**
	 * The message's {@code id} as text, or {@code null}. Bayeux ids are strings, but a server may answer with a
	 * number ({@code "id": 7}); both read the same.
	 */
	public static @Nullable String id(JsonNode message) {
		JsonNode id = message.path("id");
		if (id.isString()) {
			return id.asString();
		}
		return id.isIntegralNumber() ? id.asString() : null;
	}

	/**
	 * Finds the reply to the one message a request carried: the message on its meta channel; failing that, a
	 * message without a channel that is not an event and whose {@code id}, if any, is the request's. Salesforce
	 * documents replies without {@code channel} or {@code id} (such as a bare {@code 403::Unknown client}), and
	 * the client sends one message per request, so such a reply can only answer it.
	 * @param replies the messages of the response
	 * @param channel the request's meta channel
	 * @param id the request's message id
	 * @return the reply, or {@code null} when there is none
	 */
	public static @Nullable JsonNode reply(List<JsonNode> replies, String channel, String id) {
		JsonNode unnamed = null;
		for (JsonNode reply : replies) {
			String replyChannel = channel(reply);
			if (replyChannel.equals(channel)) {
				return reply;
			}
			if (unnamed == null && replyChannel.isEmpty() && answersWithoutChannel(reply, id)) {
				unnamed = reply;
			}
		}
		return unnamed;
	}

	/**
	 * Whether a message without a channel can be the reply to a request (see {@link #reply}): it is not an event,
	 * and its {@code id}, if any, is the request's.
	 * @param reply a message without {@code channel}
	 * @param id the request's message id
	 * @return whether it answers the request
	 */
	private static boolean answersWithoutChannel(JsonNode reply, String id) {
		if (reply.has("data")) {
			return false;
		}
		String replyId = id(reply);
		return replyId == null || replyId.equals(id);
	}

	/** Whether the channel is a {@code /meta/*} channel. */
	public static boolean isMeta(String channel) {
		return channel.startsWith("/meta/");
	}

	/**
	 * Whether a message is an event of a channel: a named, non-meta channel and {@code data}. A message without
	 * a channel is not, since it may be the answer to a request.
	 */
	public static boolean isEvent(JsonNode message) {
		String channel = channel(message);
		return !channel.isEmpty() && !isMeta(channel) && message.has("data");
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
		// server text: escaped, so that a CR/LF in it cannot forge log lines where the message is logged
		String text = what + " failed: " + ((error != null) ? ServerText.escape(error) : "no error given")
				+ ((reason != null) ? " (failure reason " + ServerText.escape(reason) + ")" : "");
		return new BayeuxException(kind, text, error, updated, null);
	}

}
