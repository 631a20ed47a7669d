package io.github.sfstreaming.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link LoginFailures}: which login refusals are final, and how long a {@code Retry-After} asks to
 * wait.
 */
class LoginFailuresTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

	@ParameterizedTest
	@ValueSource(strings = { "invalid_grant", "invalid_client_id", "invalid_client", "invalid_client_credentials",
			"unauthorized_client", "unsupported_grant_type", "invalid_request", "inactive_user", "inactive_org",
			"access_denied", "INVALID_GRANT" })
	void aDefinitiveOAuthErrorIsFinal(String error) {
		assertThat(LoginFailures.isRetryable(400, error)).isFalse();
		assertThat(LoginFailures.isRetryable(401, error)).isFalse();
		assertThat(new LoginException("refused", error, null, 400, null).isRetryable()).isFalse();
	}

	@Test
	void aBusyOrUnavailableServerMayBeRetriedWhateverItsBodySays() {
		for (int status : new int[] { 408, 429, 500, 502, 503, 504 }) {
			assertThat(LoginFailures.isRetryable(status, null)).as("HTTP %d", status).isTrue();
			assertThat(LoginFailures.isRetryable(status, "invalid_grant")).as("HTTP %d", status).isTrue();
		}
		assertThat(LoginFailures.isRetryable(0, null)).as("unreachable").isTrue();
	}

	@Test
	void anAnswerWithoutADefinitiveOAuthErrorMayBeRetried() {
		// a proxy's error page, a gateway's 403, an OAuth error that says "later"
		assertThat(LoginFailures.isRetryable(400, null)).isTrue();
		assertThat(LoginFailures.isRetryable(403, null)).isTrue();
		assertThat(LoginFailures.isRetryable(404, null)).isTrue();
		assertThat(LoginFailures.isRetryable(400, "rate_limit_exceeded")).isTrue();
		assertThat(LoginFailures.isRetryable(400, "temporarily_unavailable")).isTrue();
		assertThat(LoginFailures.isRetryable(400, "server_error")).isTrue();
		assertThat(LoginFailures.isRetryable(200, null)).isTrue();
	}

	@Test
	void retryAfterInSeconds() {
		assertThat(LoginFailures.retryAfter("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
		assertThat(LoginFailures.retryAfter(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterAsAnHttpDate() {
		assertThat(LoginFailures.retryAfter("Sun, 01 Jun 2025 12:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
		assertThat(LoginFailures.retryAfter("Sun, 01 Jun 2025 11:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterIsCappedAtADay() {
		assertThat(LoginFailures.retryAfter("999999", CLOCK)).isEqualTo(Duration.ofDays(1));
		assertThat(LoginFailures.retryAfter("99999999999999999999999", CLOCK)).isEqualTo(Duration.ofDays(1));
		assertThat(LoginFailures.retryAfter("Fri, 01 Jun 2125 12:00:00 GMT", CLOCK)).isEqualTo(Duration.ofDays(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "-5", "1.5", "soon", "Sun, 32 Jun 2025 12:00:00 GMT", "12\r\nX: y" })
	void unreadableRetryAfterIsIgnored(String value) {
		assertThat(LoginFailures.retryAfter(value, CLOCK)).isNull();
	}

	@Test
	void noRetryAfterIsNull() {
		assertThat(LoginFailures.retryAfter(null, CLOCK)).isNull();
	}

}
