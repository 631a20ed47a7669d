package io.github.sfstreaming.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.sfstreaming.event.GenericEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The soak test's checks themselves: each invariant it watches is reported when broken, and only then.
 */
class SoakLedgerTests {

	private static final String CHANNEL = "/u/SoakNotices";

	private final HandlerFaults faults = new HandlerFaults(1);

	private final SoakLedger ledger = new SoakLedger(List.of(CHANNEL), this.faults);

	@Test
	void handlingInOrderAndStoringAfterwardsBreaksNothing() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L, 3L));
		handle(1);
		handle(2);
		this.ledger.storing(CHANNEL, 2);
		handle(3);
		this.ledger.storing(CHANNEL, 3);
		assertThat(this.ledger.violations()).isEmpty();
		assertThat(this.ledger.missing()).isEmpty();
	}

	@Test
	void storingAnIdBeforeItsEventWasHandledIsReported() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L));
		handle(1);
		this.ledger.storing(CHANNEL, 2);
		assertThat(this.ledger.violations()).singleElement().asString().contains("stored replay id 2")
			.contains("before handling its event");
	}

	@Test
	void storingPastAnEventNeverHandledIsReported() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L, 3L));
		handle(1);
		handle(3);
		this.ledger.storing(CHANNEL, 3);
		assertThat(this.ledger.violations()).singleElement().asString().contains("stored replay id 3")
			.contains("the first 2");
		assertThat(this.ledger.missing()).containsOnlyKeys(CHANNEL);
	}

	@Test
	void anEventDroppedFromRetentionBeforeItWasHandledIsExcused() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L, 3L));
		this.ledger.excuseUpTo(CHANNEL, 2);
		handle(3);
		this.ledger.storing(CHANNEL, 3);
		assertThat(this.ledger.violations()).isEmpty();
		assertThat(this.ledger.missing()).isEmpty();
	}

	@Test
	void idsGoingDownWithoutANewRunAreReported() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L, 3L));
		handle(1);
		handle(3);
		handle(2);
		assertThat(this.ledger.violations()).singleElement().asString().contains("went down (3 then 2)");
	}

	@Test
	void idsGoingDownOnceAfterANewRunAreAllowed() throws Exception {
		this.ledger.published(CHANNEL, List.of(1L, 2L, 3L));
		handle(1);
		handle(2);
		handle(3);
		this.ledger.runStarting(CHANNEL);
		handle(2);
		handle(3);
		assertThat(this.ledger.violations()).isEmpty();
		handle(1);
		assertThat(this.ledger.violations()).singleElement().asString().contains("went down (3 then 1)");
	}

	@Test
	void aResetWithoutDroppedEventsIsReported() {
		this.ledger.resetting(CHANNEL);
		assertThat(this.ledger.violations()).singleElement().asString().contains("reset the stored replay id");
	}

	@Test
	void anEventFailsAtMostTwice() throws Exception {
		this.faults.failFor(java.time.Duration.ofMinutes(1), 1000);
		this.ledger.published(CHANNEL, List.of(1L));
		for (int attempt = 0; attempt < HandlerFaults.MAX_FAILURES_PER_EVENT; attempt++) {
			assertThatExceptionOfType(HandlerFaults.InjectedHandlerFailure.class).isThrownBy(() -> handle(1));
		}
		handle(1);
		assertThat(this.ledger.missing()).isEmpty();
	}

	private void handle(long replayId) throws Exception {
		this.ledger.handle(new GenericEvent(CHANNEL, replayId, null, "soak", JsonNodeFactory.instance.objectNode()));
	}

}
