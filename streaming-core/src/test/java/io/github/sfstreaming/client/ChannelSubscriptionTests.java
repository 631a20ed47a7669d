package io.github.sfstreaming.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One channel's subscription state across sessions (pending, sent, confirmed, refused, generation), without a
 * server.
 */
class ChannelSubscriptionTests {

	private final ChannelSubscription subscription = new ChannelSubscription("/topic/A", (event) -> {
	});

	@Test
	void isSentOncePerSessionAndConfirmedForThatSessionOnly() {
		assertThat(this.subscription.state()).isEqualTo(ChannelSubscription.State.PENDING);
		assertThat(this.subscription.markSent(1)).isTrue();
		assertThat(this.subscription.markSent(1)).isFalse();
		this.subscription.subscribed(1);
		assertThat(this.subscription.isSubscribedIn(1)).isTrue();
		StepVerifier.create(this.subscription.outcome()).expectComplete().verify(Duration.ofSeconds(1));

		// a new session: pending again, to be sent again, and the old confirmation does not count for it
		assertThat(this.subscription.sessionStarted()).isTrue();
		assertThat(this.subscription.state()).isEqualTo(ChannelSubscription.State.PENDING);
		assertThat(this.subscription.isSubscribedIn(2)).isFalse();
		assertThat(this.subscription.markSent(2)).isTrue();
	}

	@Test
	void aRefusedChannelIsNotSentInLaterSessionsUntilSubscribedAgain() {
		this.subscription.markSent(1);
		this.subscription.failed(new SubscriptionException("/topic/A", "403::Restricted channel", "refused"));
		StepVerifier.create(this.subscription.outcome()).expectError(SubscriptionException.class)
			.verify(Duration.ofSeconds(1));
		assertThat(this.subscription.sessionStarted()).isFalse();
		assertThat(this.subscription.error()).hasMessage("refused");

		assertThat(this.subscription.restartIfFailed()).isTrue();
		assertThat(this.subscription.state()).isEqualTo(ChannelSubscription.State.PENDING);
		assertThat(this.subscription.error()).isNull();
		assertThat(this.subscription.markSent(1)).isTrue();
	}

	@Test
	void aStoreFailureKeepsTheChannelPendingWithItsError() {
		this.subscription.retrying(new StreamingException("The replay store failed"));
		assertThat(this.subscription.state()).isEqualTo(ChannelSubscription.State.PENDING);
		assertThat(this.subscription.error()).hasMessageContaining("replay store");
		this.subscription.subscribed(3);
		assertThat(this.subscription.error()).isNull();
	}

	@Test
	void waitsForAnAnswerUntilAbandoned() throws InterruptedException {
		assertThat(this.subscription.awaitAnswered(System.nanoTime() + 1_000_000)).isFalse();
		this.subscription.abandon(new StreamingException("The client was stopped"));
		assertThat(this.subscription.awaitAnswered(System.nanoTime())).isTrue();
		// subscribed again after the stop: a new outcome to wait for
		this.subscription.renewIfAbandoned();
		assertThat(this.subscription.awaitAnswered(System.nanoTime() + 1_000_000)).isFalse();
	}

}
