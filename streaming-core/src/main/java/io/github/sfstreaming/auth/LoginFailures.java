package io.github.sfstreaming.auth;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tells a login refusal that retrying cannot change from one that may pass later, and reads how long the server
 * asks to wait. Only a definitive OAuth answer is final: Salesforce saying the credentials, the connected app,
 * the user or the org are not good. A busy or unavailable server (408, 429, 5xx), and an answer that is not an
 * OAuth error at all (a proxy's or gateway's HTML page) may pass later.
 */
final class LoginFailures {

	/**
	 * The OAuth {@code error} codes that retrying cannot change: RFC 6749's and Salesforce's. Not among them:
	 * {@code rate_limit_exceeded}, {@code server_error}, {@code temporarily_unavailable}, or any code not known.
	 */
	private static final Set<String> DEFINITIVE_ERRORS = Set.of("invalid_grant", "invalid_client_id",
			"invalid_client", "invalid_client_credentials", "unauthorized_client", "unsupported_grant_type",
			"unsupported_response_type", "invalid_request", "invalid_scope", "access_denied", "inactive_user",
			"inactive_org", "invalid_app_access");

	/** The longest wait a Retry-After is taken for; more is a server's mistake. */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	private LoginFailures() {
	}

	/**
	 * Whether retrying may succeed.
	 * @param httpStatus the token endpoint's status, or 0 when it could not be reached
	 * @param error the OAuth {@code error} of the answer, or {@code null}
	 * @return {@code false} only for a definitive OAuth error in an answer that is not 408, 429 or 5xx
	 */
	static boolean isRetryable(int httpStatus, @Nullable String error) {
		if (httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
			return true;
		}
		return !isDefinitive(error);
	}

	/**
	 * Whether an OAuth {@code error} code says that the same request will always be refused.
	 * @param error the code, or {@code null}
	 * @return whether it is definitive
	 */
	static boolean isDefinitive(@Nullable String error) {
		return error != null && DEFINITIVE_ERRORS.contains(error.trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * Reads a {@code Retry-After} header: a number of seconds, or an HTTP date.
	 * @param value the header, or {@code null}
	 * @param clock the clock an HTTP date is measured against
	 * @return the wait, at most {@link #MAX_RETRY_AFTER}, zero for a date in the past; {@code null} when absent
	 * or not readable
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		if (text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// more digits than a long holds is still a very long wait
			return (text.length() > 12) ? MAX_RETRY_AFTER : min(Duration.ofSeconds(Long.parseLong(text)));
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(clock.instant(), date.toInstant());
			return wait.isNegative() ? Duration.ZERO : min(wait);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static Duration min(Duration wait) {
		return (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
	}

}
