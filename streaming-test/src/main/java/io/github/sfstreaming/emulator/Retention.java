package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a channel keeps its events for replay: at most {@code maxEvents} events, none older than
 * {@code maxAge}.
 */
record Retention(int maxEvents, Duration maxAge) {

	Retention {
		if (maxEvents < 1) {
			throw new IllegalArgumentException("retention count must be at least 1, not " + maxEvents);
		}
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("retention age must be positive, not " + maxAge);
		}
	}

	boolean expired(Instant publishedAt, Instant now) {
		return publishedAt.plus(this.maxAge).isBefore(now);
	}

}
