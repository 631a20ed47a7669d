package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.Objects;

import io.github.sfstreaming.replay.InvalidReplayIdPolicy;

/**
 * How a {@link PubSubSubscriber} keeps its stream.
 *
 * @param maxCredit the most events requested and not yet received, 1 to 100 (Salesforce's cap)
 * @param keepAliveTimeout how long a stream with credit outstanding may stay silent before it is given up and
 * resubscribed; Salesforce sends a keep-alive within 270 s
 * @param initialBackOff the first wait before resubscribing after a transient failure
 * @param maxBackOff the longest such wait (each failure in a row doubles it)
 * @param limitBackOff the wait after an org or subscription limit error
 * @param onInvalidReplayId what to do when the server refuses the stored replay id
 */
public record PubSubSubscriberSettings(int maxCredit, Duration keepAliveTimeout, Duration initialBackOff,
		Duration maxBackOff, Duration limitBackOff, InvalidReplayIdPolicy onInvalidReplayId) {

	public PubSubSubscriberSettings {
		if (maxCredit < 1 || maxCredit > 100) {
			throw new IllegalArgumentException("maxCredit must be 1-100, not " + maxCredit);
		}
		positive("keepAliveTimeout", keepAliveTimeout);
		positive("initialBackOff", initialBackOff);
		positive("maxBackOff", maxBackOff);
		positive("limitBackOff", limitBackOff);
		if (maxBackOff.compareTo(initialBackOff) < 0) {
			throw new IllegalArgumentException("maxBackOff must not be shorter than initialBackOff");
		}
		Objects.requireNonNull(onInvalidReplayId, "onInvalidReplayId");
	}

	/**
	 * The defaults: credit 100, a 300 s keep-alive timeout (Salesforce's 270 s and a margin), back-off from 1 s to
	 * 30 s, 5 minutes after a limit error, and {@link InvalidReplayIdPolicy#FAIL}.
	 * @return the defaults
	 */
	public static PubSubSubscriberSettings defaults() {
		return new PubSubSubscriberSettings(100, Duration.ofSeconds(300), Duration.ofSeconds(1),
				Duration.ofSeconds(30), Duration.ofMinutes(5), InvalidReplayIdPolicy.FAIL);
	}

	public PubSubSubscriberSettings withMaxCredit(int maxCredit) {
		return new PubSubSubscriberSettings(maxCredit, this.keepAliveTimeout, this.initialBackOff, this.maxBackOff,
				this.limitBackOff, this.onInvalidReplayId);
	}

	public PubSubSubscriberSettings withKeepAliveTimeout(Duration keepAliveTimeout) {
		return new PubSubSubscriberSettings(this.maxCredit, keepAliveTimeout, this.initialBackOff, this.maxBackOff,
				this.limitBackOff, this.onInvalidReplayId);
	}

	public PubSubSubscriberSettings withBackOff(Duration initialBackOff, Duration maxBackOff) {
		return new PubSubSubscriberSettings(this.maxCredit, this.keepAliveTimeout, initialBackOff, maxBackOff,
				this.limitBackOff, this.onInvalidReplayId);
	}

	public PubSubSubscriberSettings withLimitBackOff(Duration limitBackOff) {
		return new PubSubSubscriberSettings(this.maxCredit, this.keepAliveTimeout, this.initialBackOff,
				this.maxBackOff, limitBackOff, this.onInvalidReplayId);
	}

	public PubSubSubscriberSettings withOnInvalidReplayId(InvalidReplayIdPolicy onInvalidReplayId) {
		return new PubSubSubscriberSettings(this.maxCredit, this.keepAliveTimeout, this.initialBackOff,
				this.maxBackOff, this.limitBackOff, onInvalidReplayId);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + value);
		}
	}

}
