package io.github.sfstreaming.pubsub;

import io.github.sfstreaming.client.StreamingException;
import org.jspecify.annotations.Nullable;

/**
 * A Pub/Sub subscription failed for good: its topic is missing or forbidden, its replay id was refused under
 * the {@code FAIL} policy, or the request was refused.
 */
public class PubSubException extends StreamingException {

	private final String topic;

	private final PubSubErrorKind kind;

	private final @Nullable String errorCode;

	/**
	 * @param topic the topic
	 * @param kind the error's kind
	 * @param errorCode the server's {@code error-code} trailer, escaped, if any
	 * @param message what happened and what to do
	 * @param cause the gRPC error
	 */
	public PubSubException(String topic, PubSubErrorKind kind, @Nullable String errorCode, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.topic = topic;
		this.kind = kind;
		this.errorCode = errorCode;
	}

	/** The topic whose subscription failed. */
	public String getTopic() {
		return this.topic;
	}

	/** What the error means. */
	public PubSubErrorKind getKind() {
		return this.kind;
	}

	/** The server's {@code error-code} trailer, if it sent one. */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
