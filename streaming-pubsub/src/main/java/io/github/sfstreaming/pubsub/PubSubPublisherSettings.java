package io.github.sfstreaming.pubsub;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link PubSubEventPublisher} publishes.
 *
 * @param timeout the longest wait for the answer to one call ({@code GetTopic}, {@code GetSchema},
 * {@code Publish}); past it the call fails, retryably
 * @param maxRequestBytes the most bytes of encoded events one {@code Publish} request carries; a batch above it is
 * sent in several requests. Salesforce recommends at most about 3 MB and refuses requests over 4 MB
 * @param createdById the user id written in {@code CreatedById}, which the event schema requires, for events that
 * do not set it themselves: the integration user's id ({@code 005...}), or {@code null} for an empty string
 */
public record PubSubPublisherSettings(Duration timeout, int maxRequestBytes, @Nullable String createdById) {

	/** Salesforce's limit on one event, encoded. */
	static final int MAX_EVENT_BYTES = 1024 * 1024;

	/** Salesforce refuses requests above this size. */
	static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

	public PubSubPublisherSettings {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, not " + timeout);
		}
		if (maxRequestBytes < 1024 || maxRequestBytes > MAX_REQUEST_BYTES) {
			throw new IllegalArgumentException("maxRequestBytes must be between 1024 and " + MAX_REQUEST_BYTES
					+ " (Salesforce refuses larger requests), not " + maxRequestBytes);
		}
	}

	/**
	 * The defaults: a 30 s timeout, requests of at most 3 MB, no {@code createdById}.
	 * @return the defaults
	 */
	public static PubSubPublisherSettings defaults() {
		return new PubSubPublisherSettings(Duration.ofSeconds(30), 3 * 1024 * 1024, null);
	}

	public PubSubPublisherSettings withTimeout(Duration timeout) {
		return new PubSubPublisherSettings(timeout, this.maxRequestBytes, this.createdById);
	}

	public PubSubPublisherSettings withMaxRequestBytes(int maxRequestBytes) {
		return new PubSubPublisherSettings(this.timeout, maxRequestBytes, this.createdById);
	}

	public PubSubPublisherSettings withCreatedById(@Nullable String createdById) {
		return new PubSubPublisherSettings(this.timeout, this.maxRequestBytes, createdById);
	}

}
