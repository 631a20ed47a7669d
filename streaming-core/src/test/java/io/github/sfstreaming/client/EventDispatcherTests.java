package io.github.sfstreaming.client;

import java.time.Duration;

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

	private final EventDispatcher dispatcher = new EventDispatcher(this.store, new StreamingClientListener() {
	}, new EventBroadcaster(), 100, 2);

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

	private static StreamingEvent event(long replayId) {
		JsonMapper json = JsonMapper.builder().build();
		return new PushTopicEvent(CHANNEL, replayId, null, "created", json.createObjectNode(),
				json.createObjectNode());
	}

}
