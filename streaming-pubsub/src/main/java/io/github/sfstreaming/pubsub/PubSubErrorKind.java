package io.github.sfstreaming.pubsub;

import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * What a Pub/Sub API error means for a subscription, from its gRPC status and {@code error-code} trailer, so
 * that each gets the same policy as its CometD counterpart.
 */
public enum PubSubErrorKind {

	/** The token was refused ({@code auth.error}, {@code UNAUTHENTICATED}): log in again, then resubscribe. */
	AUTH,

	/**
	 * The replay id is corrupted or no longer valid ({@code replayid.corrupted},
	 * {@code replayid.validation.failed}): the invalid-replay-id policy decides; never a tight resubscribe loop.
	 */
	INVALID_REPLAY_ID,

	/** An org or subscription limit ({@code limit.exceeded}, {@code RESOURCE_EXHAUSTED}): a long back-off. */
	LIMIT,

	/**
	 * The topic does not exist, may not be read, or the request is wrong ({@code NOT_FOUND},
	 * {@code PERMISSION_DENIED}, {@code INVALID_ARGUMENT}, {@code UNIMPLEMENTED}): the channel fails.
	 */
	FINAL,

	/** Anything else ({@code UNAVAILABLE}, {@code RST_STREAM}, a closed stream): resubscribe after a back-off. */
	TRANSIENT;

	/**
	 * The kind as the client's reconnect cause ({@code StreamingClientListener.reconnecting}), a low-cardinality
	 * metrics tag: {@code auth}, {@code invalid-replay-id}, {@code limit}, {@code final} or {@code transient}.
	 * @return the cause
	 */
	public String cause() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/**
	 * Classifies an error.
	 * @param code the gRPC status code
	 * @param errorCode the {@code error-code} trailer, if any
	 * @return its kind
	 */
	public static PubSubErrorKind classify(Status.Code code, @Nullable String errorCode) {
		String text = (errorCode != null) ? errorCode.toLowerCase(java.util.Locale.ROOT) : "";
		if (text.contains("auth.error") || code == Status.Code.UNAUTHENTICATED) {
			return AUTH;
		}
		if (text.contains("replayid.corrupted") || text.contains("replayid.validation.failed")) {
			return INVALID_REPLAY_ID;
		}
		if (text.contains("limit.exceeded") || code == Status.Code.RESOURCE_EXHAUSTED) {
			return LIMIT;
		}
		if (text.contains("unavailable")) {
			return TRANSIENT;
		}
		return switch (code) {
			case NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT, UNIMPLEMENTED, FAILED_PRECONDITION -> FINAL;
			default -> TRANSIENT;
		};
	}

}
