package io.github.sfstreaming.client;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectCauseTests {

	@Test
	void everyRetriedKindHasTheCauseOfItsName() {
		// the tags are metric tag values: dashboards and alerts depend on them staying as they are
		for (BayeuxErrorKind kind : BayeuxErrorKind.values()) {
			if (kind.isRetryable()) {
				assertThat(ReconnectCause.of(kind).name()).isEqualTo(kind.name());
				assertThat(ReconnectCause.of(kind).tag()).isEqualTo(kind.cause());
			}
		}
	}

	@Test
	void everyCauseIsReportedForSomeKind() {
		assertThat(Arrays.stream(BayeuxErrorKind.values()).filter(BayeuxErrorKind::isRetryable).map(ReconnectCause::of))
			.containsExactlyInAnyOrder(ReconnectCause.values());
	}

}
