package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing the events of a response, with the malformed messages a hostile or broken server may send among
 * good ones.
 */
class EventRouterTests {

	private static final String CHANNEL = "/topic/Invoices";

	private final JsonMapper json = JsonMapper.shared();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final List<String> malformed = new ArrayList<>();

	private final StreamingClientListener listener = new StreamingClientListener() {

		@Override
		public void eventMalformed(String channel, JsonNode message, String problem) {
			EventRouterTests.this.malformed.add(channel + ": " + problem);
		}

	};

	private final EventDispatcher dispatcher = new EventDispatcher(this.store, this.listener, new EventBroadcaster(),
			100, 2);

	private final Map<String, ChannelSubscription> channels = new ConcurrentHashMap<>();

	private final EventRecorder recorder = new EventRecorder();

	private final EventRouter router = new EventRouter(this.channels, this.dispatcher, this.listener,
			(channel) -> false);

	@AfterEach
	void stop() {
		this.dispatcher.stop(Duration.ofSeconds(5));
	}

	private JsonNode message(String channel, String data) {
		return this.json.readTree("{\"channel\":\"" + channel + "\",\"data\":" + data + "}");
	}

	private JsonNode event(long replayId) {
		return message(CHANNEL, "{\"event\":{\"replayId\":" + replayId + ",\"type\":\"created\"},"
				+ "\"sobject\":{\"Id\":\"a0" + replayId + "\"}}");
	}

	@Test
	void malformedMessagesAreSetAsideAndTheOthersOfTheResponseAreHandled() {
		this.channels.put(CHANNEL, new ChannelSubscription(CHANNEL, this.recorder));
		this.dispatcher.start();
		this.router.route(List.of(event(1),
				message(CHANNEL, "{\"event\":{\"replayId\":99999999999999999999999},\"sobject\":{}}"),
				message(CHANNEL, "{\"event\":{\"replayId\":\"seven\"},\"sobject\":{}}"),
				message(CHANNEL, "{\"event\":{\"replayId\":-5},\"sobject\":{}}"),
				message(CHANNEL, "{\"sobject\":{\"Id\":\"a09\"}}"), message(CHANNEL, "\"just text\""),
				message(CHANNEL, "{\"event\":\"not an object\"}"), event(2),
				message(CHANNEL, "{\"event\":{\"replayId\":\"3\",\"type\":\"updated\"},\"sobject\":{}}")));
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 2L, 3L));
		assertThat(this.malformed).hasSize(6)
			.allMatch((problem) -> problem.startsWith(CHANNEL + ": "))
			.anyMatch((problem) -> problem.contains("not a whole number"))
			.anyMatch((problem) -> problem.contains("no event object"))
			.anyMatch((problem) -> problem.contains("not a JSON object"));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(3)));
	}

	@Test
	void eventsOfAResponseAreHandledInReplayIdOrder() {
		this.channels.put(CHANNEL, new ChannelSubscription(CHANNEL, this.recorder));
		this.dispatcher.start();
		this.router.route(List.of(event(4), event(5)));
		this.router.route(List.of(event(8), event(6), event(7)));
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(4L, 5L, 6L, 7L, 8L));
	}

	@Test
	void repliesCarryEventsAmongMetaMessages() {
		this.channels.put(CHANNEL, new ChannelSubscription(CHANNEL, this.recorder));
		this.dispatcher.start();
		this.router.routeReplies(List.of(this.json.readTree("{\"channel\":\"/meta/subscribe\",\"successful\":true}"),
				event(2), message("/meta/connect", "{\"event\":{\"replayId\":9}}"),
				this.json.readTree("{\"channel\":\"" + CHANNEL + "\"}"), event(1)));
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(1L, 2L));
		assertThat(this.malformed).isEmpty();
	}

	@Test
	void aMalformedMessageAloneNeitherStoresNorMovesTheReplayId() {
		this.channels.put(CHANNEL, new ChannelSubscription(CHANNEL, this.recorder));
		this.store.store(CHANNEL, 40, null);
		this.dispatcher.start();
		this.router.route(List.of(message(CHANNEL, "{\"event\":{\"replayId\":null},\"sobject\":{}}")));
		assertThat(this.malformed).hasSize(1);
		assertThat(this.dispatcher.inHand()).isZero();
		assertThat(this.store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(40));
	}

	@Test
	void eventsOfUnknownChannelsAreDroppedWithABoundedMemory() {
		this.dispatcher.start();
		List<JsonNode> flood = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			flood.add(message("/topic/Unknown" + i, "{\"event\":{\"replayId\":1},\"sobject\":{}}"));
		}
		this.router.route(flood);
		assertThat(this.dispatcher.inHand()).isZero();
		assertThat(this.malformed).isEmpty();
		assertThat(this.router.warnedChannels()).isLessThanOrEqualTo(EventRouter.MAX_WARNED_CHANNELS);
	}

	@Test
	void eventsCreatedBeforeTheChannelsRecordedStartAreSkipped() {
		ChannelSubscription subscription = new ChannelSubscription(CHANNEL, this.recorder);
		subscription.notBefore(java.time.Instant.parse("2026-12-02T10:00:00Z"));
		this.channels.put(CHANNEL, subscription);
		this.dispatcher.start();
		this.router.route(List.of(
				message(CHANNEL, "{\"event\":{\"replayId\":5,\"createdDate\":\"2026-12-02T09:59:59.000Z\"},"
						+ "\"sobject\":{}}"),
				message(CHANNEL, "{\"event\":{\"replayId\":6,\"createdDate\":\"2026-12-02T10:00:00.000Z\"},"
						+ "\"sobject\":{}}"),
				message(CHANNEL, "{\"event\":{\"replayId\":7},\"sobject\":{}}")));
		await().untilAsserted(() -> assertThat(this.recorder.handled(CHANNEL)).containsExactly(6L, 7L));
	}

}
