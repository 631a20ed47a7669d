package io.github.sfstreaming.spring.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.BatchEventHandler;
import io.github.sfstreaming.spring.listener.BatchListenerFailedException;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.ListenerChannelRouter;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry as a {@code SmartLifecycle} delegating to its containers, each container's own lifecycle
 * (start, stop, pause, resume), per-endpoint container factories, and batch delivery as a client that hands over
 * several queued events at once would make it.
 */
class ListenerContainerLifecycleTests {

	private final FakeChannelSubscriber subscriber = new FakeChannelSubscriber();

	private final SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry(
			this.subscriber);

	private final MessageHandlerMethodFactory methodFactory = new SalesforceListenerEndpointRegistrar()
		.getMessageHandlerMethodFactory();

	private final DefaultSalesforceListenerContainerFactory containerFactory =
			new DefaultSalesforceListenerContainerFactory();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<String> recovered = new CopyOnWriteArrayList<>();

	@Test
	void registryStartsAutoStartupContainersWhenItStartsAndStopsThemAllWhenItStops() {
		register("accounts", true, "/topic/Accounts");
		register("orders", false, "/event/Order__e");
		assertThat(this.subscriber.log()).isEmpty();
		this.registry.start();
		assertThat(this.registry.isRunning()).isTrue();
		assertThat(this.registry.getListenerContainer("accounts").isRunning()).isTrue();
		assertThat(this.registry.getListenerContainer("orders").isRunning()).isFalse();
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts");
		this.registry.stop();
		assertThat(this.registry.isRunning()).isFalse();
		assertThat(this.registry.getListenerContainer("accounts").isRunning()).isFalse();
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts", "unsubscribe /topic/Accounts");
	}

	@Test
	void containerStopsAndStartsByItself() throws Exception {
		register("accounts", true, "/topic/Accounts");
		this.registry.start();
		SalesforceListenerContainer container = this.registry.getListenerContainer("accounts");
		container.stop();
		assertThat(container.isRunning()).isFalse();
		assertThat(this.subscriber.isSubscribed("/topic/Accounts")).isFalse();
		container.start();
		assertThat(container.isRunning()).isTrue();
		this.subscriber.deliver(TestEvents.pushTopic(1));
		assertThat(this.received).containsExactly("accounts:1");
	}

	@Test
	void pausedContainerStaysRunningAndItsLoneChannelIsUnsubscribedUntilResumed() throws Exception {
		register("accounts", true, "/topic/Accounts");
		this.registry.start();
		SalesforceListenerContainer container = this.registry.getListenerContainer("accounts");
		container.pause();
		assertThat(container.isRunning()).isTrue();
		assertThat(container.isPaused()).isTrue();
		assertThat(this.subscriber.isSubscribed("/topic/Accounts")).isFalse();
		container.resume();
		assertThat(container.isPaused()).isFalse();
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts", "unsubscribe /topic/Accounts",
				"subscribe /topic/Accounts");
		this.subscriber.deliver(TestEvents.pushTopic(2));
		assertThat(this.received).containsExactly("accounts:2");
	}

	@Test
	void pausedContainerOnASharedChannelReceivesNothingWhileTheOtherDoes() throws Exception {
		register("first", true, "/topic/Accounts");
		register("second", true, "/topic/Accounts");
		this.registry.start();
		this.registry.getListenerContainer("first").pause();
		this.subscriber.deliver(TestEvents.pushTopic(3));
		this.registry.getListenerContainer("first").resume();
		this.subscriber.deliver(TestEvents.pushTopic(4));
		assertThat(this.received).containsExactly("second:3", "first:4", "second:4");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts");
	}

	@Test
	void pausingAStoppedContainerKeepsItPausedWhenItStarts() {
		register("accounts", false, "/topic/Accounts");
		SalesforceListenerContainer container = this.registry.getListenerContainer("accounts");
		container.pause();
		container.start();
		assertThat(container.isRunning()).isTrue();
		assertThat(this.subscriber.log()).isEmpty();
		container.resume();
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts");
	}

	@Test
	void endpointsRegisteredAfterStartStartAtOnce() {
		this.registry.start();
		this.registry.registerListenerContainer(endpoint("late", true, "/topic/Accounts"), this.containerFactory,
				this.methodFactory, true);
		assertThat(this.registry.isRunning("late")).isTrue();
	}

	@Test
	void eachEndpointUsesTheFactoryItIsRegisteredWith() {
		DefaultSalesforceListenerContainerFactory other = new DefaultSalesforceListenerContainerFactory();
		other.setBatchMaxSize(7);
		this.registry.registerListenerContainer(endpoint("a", true, "/topic/A"), this.containerFactory,
				this.methodFactory, false);
		this.registry.registerListenerContainer(endpoint("b", true, "/topic/B"), other, this.methodFactory, false);
		assertThat(((DefaultSalesforceListenerContainer) this.registry.getListenerContainer("a")).getBatchMaxSize())
			.isEqualTo(DefaultSalesforceListenerContainer.DEFAULT_BATCH_MAX_SIZE);
		assertThat(((DefaultSalesforceListenerContainer) this.registry.getListenerContainer("b")).getBatchMaxSize())
			.isEqualTo(7);
	}

	@Test
	void batchListenerReceivesBatchesOfAtMostMaxSizeInOrder() throws Exception {
		List<List<Long>> batches = new ArrayList<>();
		this.containerFactory.setBatchMaxSize(3);
		registerBatch("batch", (events) -> batches.add(ids(events)));
		this.registry.start();
		assertThat(channelHandler("/data/AccountChangeEvent").getMaxBatchSize()).isEqualTo(3);
		channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 8));
		assertThat(batches).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L), List.of(7L, 8L));
	}

	@Test
	void batchOfOneWhenTheClientHandsOverOneEventAtATime() throws Exception {
		List<List<Long>> batches = new ArrayList<>();
		registerBatch("batch", (events) -> batches.add(ids(events)));
		this.registry.start();
		this.subscriber.deliver(TestEvents.changeEvent(1));
		this.subscriber.deliver(TestEvents.changeEvent(2));
		assertThat(batches).containsExactly(List.of(1L), List.of(2L));
	}

	@Test
	void failedIndexLeavesTheEventsBeforeItHandledAndRetriesTheRestFromIt() throws Exception {
		List<List<Long>> batches = new ArrayList<>();
		this.containerFactory.setErrorHandler(new DefaultListenerErrorHandler(retries(2),
				(event, cause) -> this.recovered.add("recovered " + event.replayId())));
		int[] failures = { 0 };
		registerBatch("batch", (events) -> {
			batches.add(ids(events));
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i).replayId() == 3 && failures[0]++ < 1) {
					throw new BatchListenerFailedException(i, new IllegalStateException("event 3"));
				}
			}
		});
		this.registry.start();
		channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 5));
		// 1 and 2 are handled by the first call; the retry starts at the failed event and succeeds.
		assertThat(batches).containsExactly(List.of(1L, 2L, 3L, 4L, 5L), List.of(3L, 4L, 5L));
		assertThat(this.recovered).isEmpty();
	}

	@Test
	void exhaustedRetriesRecoverOnlyTheFailedEventThenGoOnWithTheRest() throws Exception {
		List<List<Long>> batches = new ArrayList<>();
		this.containerFactory.setErrorHandler(new DefaultListenerErrorHandler(retries(1),
				(event, cause) -> this.recovered.add("recovered " + event.replayId())));
		registerBatch("batch", (events) -> {
			batches.add(ids(events));
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i).replayId() == 3) {
					throw new BatchListenerFailedException(i, new IllegalStateException("event 3"));
				}
			}
		});
		this.registry.start();
		channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 5));
		assertThat(batches).containsExactly(List.of(1L, 2L, 3L, 4L, 5L), List.of(3L, 4L, 5L), List.of(4L, 5L));
		assertThat(this.recovered).containsExactly("recovered 3");
	}

	@Test
	void failureWithoutAnIndexRetriesTheWholeBatchThenRecoversEachEvent() throws Exception {
		List<List<Long>> batches = new ArrayList<>();
		this.containerFactory.setErrorHandler(new DefaultListenerErrorHandler(retries(1),
				(event, cause) -> this.recovered.add("recovered " + event.replayId())));
		registerBatch("batch", (events) -> {
			batches.add(ids(events));
			throw new IllegalStateException("down");
		});
		this.registry.start();
		channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 3));
		assertThat(batches).containsExactly(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L));
		assertThat(this.recovered).containsExactly("recovered 1", "recovered 2", "recovered 3");
	}

	@Test
	void recovererFailureReportsTheIndexOfTheFirstUnhandledEventToTheClient() throws Exception {
		this.containerFactory.setErrorHandler(new DefaultListenerErrorHandler(retries(0),
				(event, cause) -> {
					throw new IllegalStateException("dead-letter table down");
				}));
		registerBatch("batch", (events) -> {
			for (int i = 0; i < events.size(); i++) {
				if (events.get(i).replayId() == 4) {
					throw new BatchListenerFailedException(i, new IllegalStateException("event 4"));
				}
			}
		});
		this.registry.start();
		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 5)))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(3));
	}

	@Test
	void oneEventListenersOnTheChannelOfABatchGetEachEventAndReportTheFirstFailure() throws Exception {
		this.containerFactory.setErrorHandler((event, error, invocation) -> {
			throw error;
		});
		SimpleSalesforceListenerEndpoint endpoint = endpoint("single", true, "/data/AccountChangeEvent");
		endpoint.setListener((event) -> {
			this.received.add("single:" + event.replayId());
			if (event.replayId() == 2) {
				throw new IllegalStateException("event 2");
			}
		});
		this.registry.registerListenerContainer(endpoint, this.containerFactory, this.methodFactory, false);
		this.registry.start();
		assertThat(channelHandler("/data/AccountChangeEvent").getMaxBatchSize()).isEqualTo(1);
		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> channelHandler("/data/AccountChangeEvent").handleBatch(changeEvents(1, 3)))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));
		assertThat(this.received).containsExactly("single:1", "single:2", "single:3");
	}

	private static RetryPolicy retries(int maxRetries) {
		return RetryPolicy.builder().maxRetries(maxRetries).delay(Duration.ofMillis(1)).build();
	}

	private ListenerChannelRouter.ChannelHandler channelHandler(String channel) {
		return (ListenerChannelRouter.ChannelHandler) this.subscriber.handler(channel);
	}

	private void registerBatch(String id, BatchEventHandler listener) {
		AbstractSalesforceListenerEndpoint endpoint = new AbstractSalesforceListenerEndpoint() {

			@Override
			public io.github.sfstreaming.client.EventHandler createListener(MessageHandlerMethodFactory factory) {
				throw new AssertionError("not a one-event listener");
			}

			@Override
			public BatchEventHandler createBatchListener(MessageHandlerMethodFactory factory) {
				return listener;
			}

		};
		endpoint.setId(id);
		endpoint.setChannels("/data/AccountChangeEvent");
		endpoint.setBatchListener(true);
		this.registry.registerListenerContainer(endpoint, this.containerFactory, this.methodFactory, false);
	}

	private static List<StreamingEvent> changeEvents(long first, long last) {
		List<StreamingEvent> events = new ArrayList<>();
		for (long id = first; id <= last; id++) {
			events.add(TestEvents.changeEvent(id));
		}
		return events;
	}

	private static List<Long> ids(List<StreamingEvent> events) {
		return events.stream().map(StreamingEvent::replayId).toList();
	}

	private void register(String id, boolean autoStartup, String channel) {
		this.registry.registerListenerContainer(endpoint(id, autoStartup, channel), this.containerFactory,
				this.methodFactory, false);
	}

	private SimpleSalesforceListenerEndpoint endpoint(String id, boolean autoStartup, String... channels) {
		SimpleSalesforceListenerEndpoint endpoint = new SimpleSalesforceListenerEndpoint();
		endpoint.setId(id);
		endpoint.setChannels(channels);
		endpoint.setAutoStartup(autoStartup);
		endpoint.setListener((StreamingEvent event) -> this.received.add(id + ":" + event.replayId()));
		return endpoint;
	}

}
