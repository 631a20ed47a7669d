package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher while a streamed response is open: its events are handled as they are read, and may come out
 * of replay-id order, so a handled id is held back until the whole response is in, and is never stored past a
 * lower event that was received and not handled, nor at all when the response fails.
 */
class HeldBackReplayIdTests {

	private static final String CHANNEL = "/topic/Streamed";

	private static final JsonMapper json = JsonMapper.shared();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	private final RecordingListener listener = new RecordingListener();

	/** The replay ids stored, in order. */
	private final List<Long> stored = this.listener.stored;

	private final EventDispatcher dispatcher = new EventDispatcher(this.store, this.listener, new EventBroadcaster(),
			100, 2);

	@AfterEach
	void stop() {
		this.dispatcher.stop(Duration.ofSeconds(5));
	}

	@Test
	void aHandledIdIsHeldBackWhileTheResponseIsOpenEvenPastALowerEventThatComesLater() {
		this.dispatcher.start();
		this.dispatcher.responseOpened();
		this.dispatcher.offer(event(5), this.recorder);
		awaitTurnEnded(5);
		assertThat(heldBack()).isEqualTo(5);
		assertThat(this.stored).as("5 was handled before 3 of the same response arrived").isEmpty();

		this.dispatcher.offer(event(3), this.recorder);
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(5L, 3L));
		awaitTurnEnded(3);
		assertThat(heldBack()).isEqualTo(5);
		assertThat(this.stored).isEmpty();

		this.dispatcher.responseCompleted();
		await().untilAsserted(() -> assertThat(this.stored).containsExactly(5L));
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(5));
		assertThat(heldBack()).isEqualTo(-1);
	}

	@Test
	void aFailedResponseStoresNothingOfItAndItsEventsAreAcceptedWhenTheyComeAgain() {
		this.dispatcher.start();
		this.dispatcher.offer(event(1), this.recorder);
		await().untilAsserted(() -> assertThat(this.stored).containsExactly(1L));

		this.dispatcher.responseOpened();
		this.dispatcher.offer(event(5), this.recorder);
		awaitTurnEnded(5);
		this.dispatcher.responseFailed();
		assertThat(heldBack()).isEqualTo(-1);

		// the next subscription starts after 1 and brings them all again: none is taken for a redelivery
		for (long id = 2; id <= 6; id++) {
			assertThat(this.dispatcher.offer(event(id), this.recorder)).isEqualTo(EventDispatcher.Offer.QUEUED);
		}
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(6)));
		assertThat(this.stored).startsWith(1L);
		assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 5L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void aHeldBackIdIsStoredOnlyOnceTheLowerEventsOfTheResponseAreHandled() throws Exception {
		CountDownLatch release = fiveHandledThenThreeInItsHandlerAndFourQueued();
		this.dispatcher.responseCompleted();
		assertThat(this.stored).as("3 is in its handler and 4 queued").isEmpty();
		release.countDown();
		await().untilAsserted(() -> assertThat(this.stored).containsExactly(5L));
		assertThat(this.recorder.handled(CHANNEL)).containsExactly(5L, 3L, 4L);
	}

	@Test
	void aStopStoresTheHighestHandledIdBelowTheEventsItDrops() throws Exception {
		CountDownLatch release = fiveHandledThenThreeInItsHandlerAndFourQueued();
		this.dispatcher.responseCompleted();

		Thread stopping = new Thread(() -> this.dispatcher.stop(Duration.ofSeconds(10)));
		stopping.start();
		// the stop drops 4, which was received and not handled: 5 must not be stored past it
		await().until(this::nothingQueued);
		release.countDown();
		stopping.join(TimeUnit.SECONDS.toMillis(20));
		assertThat(stopping.isAlive()).isFalse();
		assertThat(this.stored).containsExactly(3L);
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(3));
	}

	@Test
	void aTurnThatHeldItsIdBackAndEndsAfterTheResponseCompletedHasItStored() {
		this.dispatcher.start();
		this.dispatcher.responseOpened();
		AtomicBoolean once = new AtomicBoolean();
		// the response completes just after the turn held 5 back, while the turn is still scheduled: the flush
		// leaves it to that turn, whose end must see the id due and have it stored
		this.dispatcher.turnEnding(() -> {
			if (once.compareAndSet(false, true)) {
				assertThat(heldBack()).isEqualTo(5);
				this.dispatcher.responseCompleted();
			}
		});
		this.dispatcher.offer(event(5), this.recorder);
		await().untilAsserted(() -> assertThat(this.stored).containsExactly(5L));
		assertThat(once).isTrue();
	}

	@Test
	void aTurnEndingAsTheResponseCompletesStillHasItsIdStored() {
		// no sleeps: many rounds, each with the completion racing the end of the handler's turn
		this.dispatcher.start();
		for (long id = 1; id <= 300; id++) {
			this.dispatcher.responseOpened();
			this.dispatcher.offer(event(id), this.recorder);
			if (id % 3 == 0) {
				Thread.onSpinWait();
			}
			this.dispatcher.responseCompleted();
			long expected = id;
			await().atMost(Duration.ofSeconds(10))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL))
					.contains(ReplayPosition.after(expected)));
		}
	}

	private EventHandler blockingOn(long replayId, CountDownLatch release) {
		return (event) -> {
			if (event.replayId() == replayId) {
				assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
			}
			this.recorder.handle(event);
		};
	}

	/**
	 * One streamed response: 5 handled (its id held back), then 3 blocked in its handler and 4 queued behind it.
	 * @return what releases the handler of 3
	 */
	private CountDownLatch fiveHandledThenThreeInItsHandlerAndFourQueued() {
		CountDownLatch release = new CountDownLatch(1);
		EventHandler handler = blockingOn(3, release);
		this.dispatcher.start();
		this.dispatcher.responseOpened();
		this.dispatcher.offer(event(5), handler);
		awaitTurnEnded(5);
		this.dispatcher.offer(event(3), handler);
		await().until(() -> inHandler() == 3);
		this.dispatcher.offer(event(4), handler);
		return release;
	}

	/** Waits until the event was handled and its turn ended (its id then stored or held back). */
	private void awaitTurnEnded(long replayId) {
		await().until(() -> this.recorder.handled(CHANNEL).contains(replayId) && turnEnded());
	}

	private EventDispatcher.ChannelQueue queue() {
		EventDispatcher.ChannelQueue queue = this.dispatcher.queue(CHANNEL);
		assertThat(queue).isNotNull();
		return queue;
	}

	private boolean turnEnded() {
		EventDispatcher.ChannelQueue queue = queue();
		synchronized (queue) {
			return queue.scheduledBy == null;
		}
	}

	private boolean nothingQueued() {
		EventDispatcher.ChannelQueue queue = queue();
		synchronized (queue) {
			return queue.items.isEmpty();
		}
	}

	private long inHandler() {
		EventDispatcher.ChannelQueue queue = queue();
		synchronized (queue) {
			return queue.inHandler;
		}
	}

	private long heldBack() {
		EventDispatcher.ChannelQueue queue = queue();
		synchronized (queue) {
			EventDispatcher.Item item = queue.heldBack;
			return (item != null) ? item.id() : -1;
		}
	}

	private static StreamingEvent event(long replayId) {
		return new PushTopicEvent(CHANNEL, replayId, null, "created", json.createObjectNode(),
				json.createObjectNode());
	}

}
