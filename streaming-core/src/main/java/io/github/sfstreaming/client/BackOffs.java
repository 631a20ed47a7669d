package io.github.sfstreaming.client;

import java.time.Duration;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Exponential back-off with jitter between reconnect attempts, on Spring's {@link ExponentialBackOff}: the
 * delay doubles from {@code initial} up to {@code max}, each delay moved randomly by up to half of the initial
 * delay (scaled with the attempt), so that many clients of one org do not retry in step.
 */
final class BackOffs {

	private final Duration initial;

	private final Duration max;

	BackOffs(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
	}

	/** Starts a new sequence of delays. */
	BackOffExecution start() {
		ExponentialBackOff backOff = new ExponentialBackOff(Math.max(1, this.initial.toMillis()), 2.0);
		backOff.setMaxInterval(Math.max(backOff.getInitialInterval(), this.max.toMillis()));
		backOff.setJitter(Math.max(1, this.initial.toMillis() / 2));
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff.start();
	}

	/** The delay for failures such as org limits, which take long to clear. */
	Duration max() {
		return this.max;
	}

	static Duration next(BackOffExecution execution, Duration max) {
		long delay = execution.nextBackOff();
		return (delay == BackOffExecution.STOP) ? max : Duration.ofMillis(delay);
	}

}
