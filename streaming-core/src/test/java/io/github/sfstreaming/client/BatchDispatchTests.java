package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * A {@link BatchEventHandler} gets the queued events of its channel in batches, in order; the replay id is
 * stored after a batch returns, and a failure at an index stores the ids before it only.
 */
class BatchDispatchTests {

	private static final String CHANNEL = "/data/AccountChangeEvent";

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventDispatcher dispatcher = new EventDispatcher(this.store, new StreamingClientListener() {
	}, new EventBroadcaster(), 1000, 2);

	private final List<List<Long>> batches = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.dispatcher.stop(Duration.ofSeconds(5));
	}

	private static StreamingEvent event(long replayId) {
		JsonMapper json = JsonMapper.shared();
		return new PushTopicEvent(CHANNEL, replayId, null, "created", json.createObjectNode(),
				json.createObjectNode());
	}

	/** A handler of batches of up to 10 whose first call waits, so that the others queue up behind it. */
	private BatchEventHandler handler(int failAtReplayId) {
		return new BatchEventHandler() {

			@Override
			public void handleBatch(List<StreamingEvent> events) throws Exception {
				List<Long> ids = events.stream().map(StreamingEvent::replayId).toList();
				if (BatchDispatchTests.this.batches.isEmpty()) {
					BatchDispatchTests.this.release.await(30, TimeUnit.SECONDS);
				}
				BatchDispatchTests.this.batches.add(ids);
				int index = ids.indexOf((long) failAtReplayId);
				if (index >= 0) {
					throw new BatchFailedException(index, new IllegalStateException("event " + failAtReplayId));
				}
			}

			@Override
			public int maxBatchSize() {
				return 10;
			}

		};
	}

	private List<Long> offer(BatchEventHandler handler, int count) {
		List<Long> ids = new ArrayList<>();
		for (long id = 1; id <= count; id++) {
			assertThat(this.dispatcher.offer(event(id), handler)).isEqualTo(EventDispatcher.Offer.QUEUED);
			ids.add(id);
		}
		return ids;
	}

	@Test
	void aBacklogIsHandedOverInOrderedBatchesAndStoredAfterEach() {
		this.dispatcher.start();
		BatchEventHandler handler = handler(-1);
		List<Long> ids = offer(handler, 25);
		this.release.countDown();
		await().untilAsserted(() -> assertThat(this.batches.stream().flatMap(List::stream).toList()).isEqualTo(ids));
		assertThat(this.batches).allSatisfy((batch) -> assertThat(batch).hasSizeBetween(1, 10));
		assertThat(this.batches).hasSizeLessThan(25);
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(25)));
		assertThat(this.dispatcher.inHand()).isZero();
	}

	@Test
	void aFailureAtAnIndexStoresOnlyTheIdsBeforeItAndHandsTheRestOverAgain() {
		this.dispatcher.start();
		BatchEventHandler handler = handler(6);
		offer(handler, 12);
		this.release.countDown();
		// every event after the failed one is handed over again (and then handled, since only 6 fails)
		await().untilAsserted(() -> assertThat(this.batches.stream().flatMap(List::stream).toList())
			.containsSubsequence(1L, 5L, 6L, 7L, 12L));
		await().untilAsserted(() -> assertThat(this.dispatcher.inHand()).isZero());
		// nothing past the failed event: it comes again after a restart
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(5));
	}

}
