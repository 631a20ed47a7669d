package io.github.sfstreaming.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.internal.bayeux.Advice;
import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;
import io.github.sfstreaming.internal.bayeux.BayeuxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client does after each kind of failure, without a server.
 */
class ReconnectPolicyTests {

	private final ReconnectPolicy policy = new ReconnectPolicy(
			new BackOffs(Duration.ofMillis(100), Duration.ofSeconds(10)));

	private static BayeuxException failure(BayeuxErrorKind kind, Advice advice) {
		return new BayeuxException(kind, kind.cause(), "error", advice, null);
	}

	@Test
	void aSessionLostOnceIsReestablishedAtOnceThenWithBackOff() {
		ReconnectPolicy.Decision first = this.policy.sessionFailed(failure(BayeuxErrorKind.UNKNOWN_CLIENT,
				Advice.DEFAULT));
		assertThat(first.delay()).isZero();
		assertThat(first.relogin()).isFalse();
		ReconnectPolicy.Decision second = this.policy.sessionFailed(failure(BayeuxErrorKind.UNKNOWN_CLIENT,
				Advice.DEFAULT));
		assertThat(second.delay()).isPositive();
		assertThat(this.policy.failures()).isEqualTo(2);
		this.policy.sessionHealthy();
		assertThat(this.policy.failures()).isZero();
	}

	@Test
	void aRejectedTokenLogsInAgain() {
		assertThat(this.policy.sessionFailed(failure(BayeuxErrorKind.AUTHENTICATION, Advice.DEFAULT)).relogin())
			.isTrue();
	}

	@Test
	void anOrgLimitWaitsTheLongestBackOff() {
		assertThat(this.policy.sessionFailed(failure(BayeuxErrorKind.ORG_LIMIT, Advice.DEFAULT)).delay())
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theServersAdviceIsHonouredUpToTheMaximum() {
		Advice wait = new Advice(Advice.RETRY, Duration.ofSeconds(3), Duration.ofSeconds(110));
		assertThat(this.policy.sessionFailed(failure(BayeuxErrorKind.NETWORK, wait)).delay())
			.isEqualTo(Duration.ofSeconds(3));
		Advice forever = new Advice(Advice.RETRY, Duration.ofDays(3650), Duration.ofSeconds(110));
		assertThat(this.policy.sessionFailed(failure(BayeuxErrorKind.NETWORK, forever)).delay())
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void whatRetryingCannotFixGivesUp() {
		assertThat(this.policy.sessionFailed(failure(BayeuxErrorKind.CONFIGURATION, Advice.DEFAULT))).isNull();
		assertThat(this.policy.sessionFailed(
				new LoginException("Login failed: invalid_grant", "invalid_grant", "authentication failure", 400,
						null)))
			.isNull();
		assertThat(this.policy.failures()).isZero();
	}

	@Test
	void onlyTooBusyIsRetriedOnTheSameSessionAndOnlyAFewTimes() {
		BayeuxException busy = failure(BayeuxErrorKind.TOO_BUSY, Advice.DEFAULT);
		assertThat(this.policy.sameSessionRetry(busy, 1)).isNotNull();
		assertThat(this.policy.sameSessionRetry(busy, ReconnectPolicy.MAX_SAME_SESSION_RETRIES + 1)).isNull();
		assertThat(this.policy.sameSessionRetry(failure(BayeuxErrorKind.TOO_BUSY,
				new Advice(Advice.HANDSHAKE, Duration.ZERO, Duration.ofSeconds(110))), 1))
			.isNull();
		assertThat(this.policy.sameSessionRetry(failure(BayeuxErrorKind.HTTP_5XX, Advice.DEFAULT), 1)).isNull();
	}

}
