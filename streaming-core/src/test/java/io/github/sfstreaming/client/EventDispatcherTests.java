package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * The dispatcher's redelivery filter: events of one channel can arrive in two responses processed out of
 * order (a subscribe reply and a connect reply), so a late, lower replay id must be handled, not dropped,
 * while a real redelivery is dropped.
 */
class EventDispatcherTests {

	private static final String CHANNEL = "/topic/Late";

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
	void aLateLowerReplayIdIsHandledAndARedeliveryIsDropped() {
		this.dispatcher.start();
		assertThat(this.dispatcher.offer(event(7), this.recorder)).isEqualTo(EventDispatcher.Offer.QUEUED);
		assertThat(this.dispatcher.offer(event(8), this.recorder)).isEqualTo(EventDispatcher.Offer.QUEUED);
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(7L, 8L));

		// the other response, processed second, carried the events before them
		assertThat(this.dispatcher.offer(event(5), this.recorder)).isEqualTo(EventDispatcher.Offer.QUEUED);
		assertThat(this.dispatcher.offer(event(6), this.recorder)).isEqualTo(EventDispatcher.Offer.QUEUED);
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(7L, 8L, 5L, 6L));

		// a redelivery of any of them is dropped
		assertThat(this.dispatcher.offer(event(6), this.recorder)).isEqualTo(EventDispatcher.Offer.DUPLICATE);
		assertThat(this.dispatcher.offer(event(8), this.recorder)).isEqualTo(EventDispatcher.Offer.DUPLICATE);
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(8));
	}

	@Test
	void aLateEventOfTheOldSubscriptionIsNotStoredPastAnEventThatFailedBeforeTheChannelWasSubscribedAgain() {
		AtomicInteger failures = new AtomicInteger();
		EventHandler handler = (event) -> {
			if (event.replayId() == 3 && failures.getAndIncrement() < 2) {
				throw new IllegalStateException("handler failure");
			}
			this.recorder.handle(event);
		};
		this.dispatcher.start();
		this.dispatcher.offer(event(1), handler);
		this.dispatcher.offer(event(2), handler);
		this.dispatcher.offer(event(3), handler);
		await().until(() -> failures.get() == 1 && this.stored.contains(2L));
		assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 2L);

		// unsubscribed and subscribed again, twice in a row, before anything of the new subscription came
		this.dispatcher.forgetUnhandled(CHANNEL);
		this.dispatcher.forgetUnhandled(CHANNEL);
		// a response of the old subscription still in flight carries a later event: handled, but storing its id
		// would skip event 3, which the new subscription (from the stored id 2) has not brought again yet
		assertThat(this.dispatcher.offer(event(10), handler)).isEqualTo(EventDispatcher.Offer.QUEUED);
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 2L, 10L));

		// the new subscription replays from 2: event 3 fails once more, then comes with a third subscription
		assertThat(this.dispatcher.offer(event(3), handler)).isEqualTo(EventDispatcher.Offer.QUEUED);
		await().until(() -> failures.get() == 2);
		this.dispatcher.forgetUnhandled(CHANNEL);
		assertThat(this.dispatcher.offer(event(3), handler)).as("event 3 again, nothing having been stored past it")
			.isEqualTo(EventDispatcher.Offer.QUEUED);
		await().untilAsserted(() -> assertThat(this.stored).contains(3L));
		assertThat(this.stored).doesNotContain(10L).endsWith(3L);
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(3));
	}

	@Test
	void aResetReplayIdStopsWaitingForAForgottenEventSalesforceNoLongerRetains() {
		EventHandler handler = (event) -> {
			if (event.replayId() == 3) {
				throw new IllegalStateException("handler failure");
			}
			this.recorder.handle(event);
		};
		this.dispatcher.start();
		this.dispatcher.offer(event(2), handler);
		this.dispatcher.offer(event(3), handler);
		await().until(() -> this.stored.contains(2L));
		this.dispatcher.forgetUnhandled(CHANNEL);
		this.dispatcher.offer(event(10), handler);
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(2L, 10L));

		// Salesforce rejected the stored id (events 3 to 10 left its retention window): the store was reset and
		// the channel starts again from the retained events
		this.dispatcher.replayReset(CHANNEL);
		this.dispatcher.offer(event(11), handler);
		await().untilAsserted(() -> assertThat(this.stored).endsWith(11L));
		assertThat(this.stored).doesNotContain(10L);
	}

	@Test
	void eventsOfTheNewSubscriptionQueuedWhileAnEventOfTheOldOneIsHandledAreHandledToo() throws Exception {
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		EventHandler handler = (event) -> {
			if (event.replayId() == 1) {
				inHandler.countDown();
				release.await(30, TimeUnit.SECONDS);
			}
			this.recorder.handle(event);
		};
		this.dispatcher.start();
		this.dispatcher.offer(event(1), handler);
		assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();

		// subscribed again while event 1 is in its handler: the new subscription's events wait for it
		this.dispatcher.forgetUnhandled(CHANNEL);
		assertThat(this.dispatcher.offer(event(1), handler)).isEqualTo(EventDispatcher.Offer.QUEUED);
		assertThat(this.dispatcher.offer(event(2), handler)).isEqualTo(EventDispatcher.Offer.QUEUED);
		release.countDown();
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 1L, 2L));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(2)));
	}

	private static StreamingEvent event(long replayId) {
		JsonMapper json = JsonMapper.builder().build();
		return new PushTopicEvent(CHANNEL, replayId, null, "created", json.createObjectNode(),
				json.createObjectNode());
	}

}
