package io.github.sfstreaming.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOffExecution;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.internal.bayeux.Advice;
import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;
import io.github.sfstreaming.internal.bayeux.BayeuxException;

/**
 * Decides what a failure of the session means: give up, log in again, or handshake again, and after how long;
 * and whether a failed connect is retried on the same session. Counts the failures in a row, so that a session
 * lost once is re-established at once and a failure that repeats waits longer every time. Used by the session
 * thread only.
 */
final class ReconnectPolicy {

	/** Connects refused as too busy in a row before the session is given up for a new handshake. */
	static final int MAX_SAME_SESSION_RETRIES = 3;

	private final BackOffs backOffs;

	private BackOffExecution backOff;

	private int failures;

	ReconnectPolicy(BackOffs backOffs) {
		this.backOffs = backOffs;
		this.backOff = backOffs.start();
	}

	/**
	 * What to do after a failure.
	 * @param kind the failure's kind
	 * @param delay how long to wait first
	 * @param relogin whether to ask for a new token (the current one was rejected)
	 */
	record Decision(BayeuxErrorKind kind, Duration delay, boolean relogin) {
	}

	/**
	 * Decides how to go on after the session failed, and counts the failure.
	 * @param failure what failed
	 * @return the decision, or {@code null} when retrying cannot fix it and the client must give up
	 */
	@Nullable Decision sessionFailed(RuntimeException failure) {
		BayeuxErrorKind kind = kindOf(failure);
		if (kind == null) {
			return null;
		}
		this.failures++;
		return new Decision(kind, delayFor(kind, failure), kind == BayeuxErrorKind.AUTHENTICATION);
	}

	/**
	 * Whether a failed connect is retried on the same session, as its advice {@code retry} says, rather than
	 * with a new handshake; counts the failure when it is. Only for {@code 503::Server is too busy} in a connect
	 * reply: the server itself answered, delivered nothing it did not send us, and keeps queueing the session's
	 * events, so keeping the session loses nothing and saves a handshake (the org's client count). A broken,
	 * unreadable or proxied response may have carried events, so those failures start a new session replayed
	 * from the stored ids.
	 * @param failure the connect's failure
	 * @param attempt how many connects of this session failed in a row, this one included
	 * @return how long to wait before connecting again, or {@code null} for a new session
	 */
	@Nullable Duration sameSessionRetry(BayeuxException failure, int attempt) {
		Advice advice = failure.getAdvice();
		if (failure.getKind() != BayeuxErrorKind.TOO_BUSY || attempt > MAX_SAME_SESSION_RETRIES
				|| (advice != null && !Advice.RETRY.equals(advice.reconnect()))) {
			return null;
		}
		this.failures++;
		return delayFor(failure.getKind(), failure);
	}

	/** A held connect came back fine: the session is healthy again, the next failure starts over. */
	void sessionHealthy() {
		this.failures = 0;
		this.backOff = this.backOffs.start();
	}

	/** Failures in a row. */
	int failures() {
		return this.failures;
	}

	/** The kind of a failure, or {@code null} when retrying cannot fix it. */
	static @Nullable BayeuxErrorKind kindOf(RuntimeException failure) {
		if (failure instanceof BayeuxException bayeux) {
			return bayeux.getKind().isRetryable() ? bayeux.getKind() : null;
		}
		if (failure instanceof LoginException login) {
			return login.isRetryable() ? BayeuxErrorKind.NETWORK : null;
		}
		return BayeuxErrorKind.OTHER;
	}

	private Duration delayFor(BayeuxErrorKind kind, RuntimeException failure) {
		if (kind == BayeuxErrorKind.ORG_LIMIT) {
			return this.backOffs.max();
		}
		boolean immediate = kind == BayeuxErrorKind.UNKNOWN_CLIENT || kind == BayeuxErrorKind.SERVER_DISCONNECT
				|| kind == BayeuxErrorKind.AUTHENTICATION;
		// A session lost once is re-established at once; a failure that repeats waits, every time longer.
		Duration delay = (immediate && this.failures == 1) ? Duration.ZERO
				: BackOffs.next(this.backOff, this.backOffs.max());
		// not sooner than the server asks, up to the maximum back-off
		Duration asked = asked(failure);
		if (asked != null && asked.compareTo(delay) > 0) {
			return (asked.compareTo(this.backOffs.max()) < 0) ? asked : this.backOffs.max();
		}
		return delay;
	}

	/** How long the server asked the client to wait, if it did: a reply's advice or a token endpoint's Retry-After. */
	private static @Nullable Duration asked(RuntimeException failure) {
		if (failure instanceof LoginException login) {
			return login.getRetryAfter();
		}
		Advice advice = (failure instanceof BayeuxException bayeux) ? bayeux.getAdvice() : null;
		return (advice != null) ? advice.interval() : null;
	}

}
