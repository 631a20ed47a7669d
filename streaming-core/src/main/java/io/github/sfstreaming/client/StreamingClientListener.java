package io.github.sfstreaming.client;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.replay.ReplayPosition;

/**
 * Callbacks about the client's session, for health checks, metrics and application events. Every method
 * has an empty default; they are called on the client's own threads and must return quickly.
 */
public interface StreamingClientListener {

	/** A handshake and the first connect after it succeeded. */
	default void connected() {
	}

	/**
	 * The session ended; the client will reconnect unless it is stopping or has failed.
	 * @param reason why, in words (for example {@code 403::Unknown client})
	 */
	default void disconnected(String reason) {
	}

	/**
	 * A channel was subscribed.
	 * @param channel the channel
	 * @param from where the subscription starts
	 */
	default void subscribed(String channel, ReplayPosition from) {
	}

	/**
	 * Subscribing to a channel failed with an error that retrying will not fix.
	 * @param channel the channel
	 * @param error the error
	 */
	default void subscriptionFailed(String channel, Throwable error) {
	}

	/**
	 * Salesforce rejected a stored replay id.
	 * @param channel the channel
	 * @param rejected the rejected id
	 * @param fallback where the subscription starts instead, or {@code null} when the policy is to fail
	 */
	default void replayIdInvalid(String channel, long rejected, @Nullable ReplayPosition fallback) {
	}

	/**
	 * A reconnect (new handshake or retried connect) is about to happen.
	 * @param cause why, a short, low-cardinality tag: over the Streaming API (CometD) a
	 * {@link ReconnectCause#tag()} such as {@code unknown-client}, {@code auth}, {@code network} or
	 * {@code too-busy}; another transport gives its own (the Pub/Sub API: {@code auth}, {@code limit},
	 * {@code transient})
	 */
	default void reconnecting(String cause) {
	}

	/**
	 * An event was received from Salesforce (before it is handled).
	 * @param channel the channel
	 * @param replayId the event's replay id
	 */
	default void eventReceived(String channel, long replayId) {
	}

	/**
	 * A replay id was written to the replay store.
	 * @param channel the channel
	 * @param replayId the stored id
	 */
	default void replayIdStored(String channel, long replayId) {
	}

	/**
	 * The server said a channel is alive and has nothing new: a Pub/Sub keep-alive, an empty response carrying the
	 * channel's latest replay id. CometD has no such message and never calls it.
	 * @param channel the channel
	 */
	default void keepAliveReceived(String channel) {
	}

	/**
	 * A message on a subscribed channel could not be read as an event: its {@code data} is not an object, it has
	 * no {@code event} object, its replay id is missing, negative or not a whole number that fits a
	 * {@code long}, or it is larger than {@code maxMessageSize}. It is not handed to the channel's handler and
	 * its replay id is not stored; the other events of the response and of the channel go on.
	 * @param channel the channel
	 * @param message the whole Bayeux message as received; for one larger than {@code maxMessageSize}, which is
	 * skipped unread, a stand-in with its {@code channel}, an empty {@code data} and {@code oversized}
	 * ({@code size}, {@code maxMessageSize} and, when the server sent one, {@code replayId})
	 * @param problem what is wrong with it, in words
	 */
	default void eventMalformed(String channel, JsonNode message, String problem) {
	}

}
