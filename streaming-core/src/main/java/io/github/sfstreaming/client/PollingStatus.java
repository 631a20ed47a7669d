package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Whether the client is still polling Salesforce, for health checks: a connected client whose handlers are stuck
 * stops polling (back-pressure) and would otherwise look healthy while nothing is received.
 *
 * @param lastConnectTime when the last {@code /meta/connect} succeeded, or {@code null}
 * @param pausedSince since when polling waits for handlers to free the buffer, or {@code null} when it does not
 * @param pollWindow the longest a healthy poll takes: the server's long-poll timeout plus the client's margin
 */
public record PollingStatus(@Nullable Instant lastConnectTime, @Nullable Instant pausedSince, Duration pollWindow) {

	/**
	 * Whether polling is paused by back-pressure for longer than {@code maxPause}.
	 * @param now the current time
	 * @param maxPause how long a pause is tolerated
	 * @return whether the pause is too long
	 */
	public boolean pausedLongerThan(Instant now, Duration maxPause) {
		Instant paused = this.pausedSince;
		return paused != null && Duration.between(paused, now).compareTo(maxPause) > 0;
	}

	/**
	 * Whether no poll completed for longer than {@link #pollWindow()} (and polling is not paused by
	 * back-pressure, which {@link #pausedLongerThan} reports): the session loop is stuck.
	 * @param now the current time
	 * @return whether the last completed poll is too old
	 */
	public boolean overdue(Instant now) {
		Instant last = this.lastConnectTime;
		return this.pausedSince == null && last != null && Duration.between(last, now).compareTo(this.pollWindow) > 0;
	}

}
