package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The armed one-shot faults, each with the number of requests or messages it still applies to.
 */
final class FaultState {

	private final AtomicReference<@Nullable Countdown<Integer>> httpError = new AtomicReference<>();

	private final AtomicReference<@Nullable Countdown<Duration>> delay = new AtomicReference<>();

	private final Map<String, Countdown<String>> bayeuxErrors = new ConcurrentHashMap<>();

	void httpError(int status, int count) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("http-error status must be 400-599, not " + status);
		}
		this.httpError.set(new Countdown<>(status, positive(count)));
	}

	void delay(Duration delay, int count) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, not " + delay);
		}
		this.delay.set(new Countdown<>(delay, positive(count)));
	}

	void bayeuxError(String channel, String error, int count) {
		if (!channel.startsWith("/meta/")) {
			throw new IllegalArgumentException("bayeux-error channel must be a /meta/ channel, not '" + channel + "'");
		}
		if (!error.matches("\\d{3}:.*")) {
			throw new IllegalArgumentException(
					"bayeux-error error must look like '503::Server is too busy...', not '" + error + "'");
		}
		this.bayeuxErrors.put(channel, new Countdown<>(error, positive(count)));
	}

	/** The HTTP status the next Bayeux request must get, consuming one use, or {@code null}. */
	@Nullable Integer takeHttpError() {
		return take(this.httpError.get());
	}

	/** The delay the next Bayeux request must get, consuming one use, or {@code null}. */
	@Nullable Duration takeDelay() {
		return take(this.delay.get());
	}

	/** The error the next message on the meta channel must get, consuming one use, or {@code null}. */
	@Nullable String takeBayeuxError(String channel) {
		return take(this.bayeuxErrors.get(channel));
	}

	void clear() {
		this.httpError.set(null);
		this.delay.set(null);
		this.bayeuxErrors.clear();
		this.connectAdvice.set(null);
		this.tokenEndpointError.set(null);
	}

	private static <T> @Nullable T take(@Nullable Countdown<T> countdown) {
		return (countdown != null) ? countdown.take() : null;
	}

	private static int positive(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		return count;
	}

	private static final class Countdown<T> {

		private final T value;

		private int remaining;

		Countdown(T value, int remaining) {
			this.value = value;
			this.remaining = remaining;
		}

		synchronized @Nullable T take() {
			if (this.remaining <= 0) {
				return null;
			}
			this.remaining--;
			return this.value;
		}

	}

	private final AtomicReference<@Nullable Countdown<ConnectAdvice>> connectAdvice = new AtomicReference<>();

	void connectAdvice(long intervalMillis, long timeoutMillis, int count) {
		this.connectAdvice.set(new Countdown<>(new ConnectAdvice(intervalMillis, timeoutMillis), positive(count)));
	}

	/** The advice the next successful {@code /meta/connect} reply must carry, consuming one use, or {@code null}. */
	@Nullable ConnectAdvice takeConnectAdvice() {
		return take(this.connectAdvice.get());
	}

	/** An advice forced on a {@code /meta/connect} reply, in milliseconds. */
	record ConnectAdvice(long interval, long timeout) {
	}

	// The token endpoint's faults

	private final AtomicReference<@Nullable Countdown<TokenEndpointError>> tokenEndpointError =
			new AtomicReference<>();

	void tokenEndpointError(int status, int count, @Nullable String retryAfter) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("token-endpoint-error status must be 400-599, not " + status);
		}
		if (retryAfter != null && (retryAfter.isBlank() || retryAfter.chars().anyMatch(Character::isISOControl))) {
			throw new IllegalArgumentException("token-endpoint-error retryAfter must be seconds or an HTTP date, not '"
					+ retryAfter + "'");
		}
		this.tokenEndpointError.set(new Countdown<>(new TokenEndpointError(status, retryAfter), positive(count)));
	}

	/** The error the next token request must get, consuming one use, or {@code null}. */
	@Nullable TokenEndpointError takeTokenEndpointError() {
		return take(this.tokenEndpointError.get());
	}

	/**
	 * An armed answer of the token endpoint.
	 * @param status the HTTP status
	 * @param retryAfter the {@code Retry-After} header, or {@code null}
	 */
	record TokenEndpointError(int status, @Nullable String retryAfter) {
	}

}
