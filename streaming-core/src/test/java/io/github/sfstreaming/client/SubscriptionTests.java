package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions, replay policies, configuration errors, handler semantics and the streams.
 */
class SubscriptionTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC, "/event/Order__e")
		.build();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventRecorder recorder = new EventRecorder();

	private final RecordingListener listener = new RecordingListener();

	private final List<SalesforceStreamingClient> clients = new ArrayList<>();

	@AfterEach
	void stopClients() {
		this.clients.forEach(SalesforceStreamingClient::stop);
	}

	private SalesforceStreamingClient start(SalesforceStreamingClient.Builder builder) {
		SalesforceStreamingClient client = builder.replayStore(this.store).listener(this.listener).build();
		this.clients.add(client);
		client.start();
		return client;
	}

	/** Publishes 20 events and keeps only the last 10: replay id 5 is then outside retention. */
	private List<Long> storeAnExpiredReplayId(SalesforceStreamingEmulator emulator) {
		List<Long> ids = emulator.publish(TOPIC, 20, "{\"Id\":\"a01\"}");
		emulator.faults().trimRetention(10);
		this.store.store(TOPIC, ids.get(4), null);
		return ids;
	}

	@Test
	void invalidReplayIdWithPolicyFailFailsTheSubscription(SalesforceStreamingEmulator emulator) {
		List<Long> ids = storeAnExpiredReplayId(emulator);
		SalesforceStreamingClient client = start(
				EmulatorClients.client(emulator).invalidReplayIdPolicy(InvalidReplayIdPolicy.FAIL));
		assertThatExceptionOfType(InvalidReplayIdException.class)
			.isThrownBy(() -> client.subscribe(TOPIC, this.recorder).block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getReplayId()).isEqualTo(ids.get(4));
				assertThat(ex.getChannel()).isEqualTo(TOPIC);
				assertThat(ex.getBayeuxError()).startsWith("400::The replayId");
			});
		assertThat(this.listener.invalidReplayIds).containsExactly(TOPIC + ":" + ids.get(4) + "->fail");
		assertThat(client.channels()).singleElement().satisfies((status) -> {
			assertThat(status.subscribed()).isFalse();
			assertThat(status.error()).isInstanceOf(InvalidReplayIdException.class);
		});
		client.awaitConnected(TIMEOUT);
		assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(ids.get(4)));
	}

	@Test
	void invalidReplayIdWithPolicyAllEventsReplaysEveryRetainedEvent(SalesforceStreamingEmulator emulator) {
		List<Long> ids = storeAnExpiredReplayId(emulator);
		SalesforceStreamingClient client = start(
				EmulatorClients.client(emulator).invalidReplayIdPolicy(InvalidReplayIdPolicy.ALL_EVENTS));
		client.subscribe(TOPIC, this.recorder).block(TIMEOUT);
		List<Long> expected = new ArrayList<>(ids.subList(10, 20));
		expected.addAll(emulator.publish(TOPIC, 3, "{\"Id\":\"a02\"}"));
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(expected));
		assertThat(this.listener.invalidReplayIds).containsExactly(TOPIC + ":" + ids.get(4) + "->-2");
	}

	@Test
	void invalidReplayIdWithPolicyNewEventsStartsFromNewEvents(SalesforceStreamingEmulator emulator) {
		storeAnExpiredReplayId(emulator);
		SalesforceStreamingClient client = start(
				EmulatorClients.client(emulator).invalidReplayIdPolicy(InvalidReplayIdPolicy.NEW_EVENTS));
		client.subscribe(TOPIC, this.recorder).block(TIMEOUT);
		List<Long> fresh = emulator.publish(TOPIC, 3, "{\"Id\":\"a02\"}");
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(fresh));
		assertThat(this.listener.subscribed).containsExactly(TOPIC + "@-1");
	}

	@Test
	void unknownChannelFailsOnceAndIsNotRetried(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		assertThatExceptionOfType(SubscriptionException.class)
			.isThrownBy(() -> client.subscribe("/topic/DoesNotExist", this.recorder).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getBayeuxError()).contains("doesn't exist"))
			.withMessageContaining("/topic/DoesNotExist");
		client.awaitConnected(TIMEOUT);
		// a new session does not subscribe the failed channel again either
		emulator.faults().dropSessions();
		await().untilAsserted(() -> assertThat(this.listener.connects).isEqualTo(2));
		// the count only grows: a generous atMost (for a slow first check) cannot let a second subscribe pass
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15)).until(() -> emulator.stats()
			.subscribes()
			.stream()
			.filter((s) -> s.channel().equals("/topic/DoesNotExist"))
			.count() == 1);
		assertThat(this.listener.failedSubscriptions).containsExactly("/topic/DoesNotExist");
		assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
	}

	@Test
	void badCredentialsFailWithoutRetrying(SalesforceStreamingEmulator emulator) {
		AtomicInteger logins = new AtomicInteger();
		TokenProvider wrong = UsernamePasswordTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("not-the-password")
			.build();
		TokenProvider counting = new TokenProvider() {

			@Override
			public Mono<AccessToken> token() {
				logins.incrementAndGet();
				return wrong.token();
			}

			@Override
			public Mono<AccessToken> refresh(AccessToken rejected) {
				logins.incrementAndGet();
				return wrong.refresh(rejected);
			}

		};
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator).tokenProvider(counting));
		Mono<Void> subscription = client.subscribe(TOPIC, this.recorder);
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> client.awaitConnected(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"))
			.withMessageNotContaining("not-the-password");
		assertThat(client.state()).isEqualTo(ClientState.FAILED);
		assertThat(client.failure()).isInstanceOf(LoginException.class);
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> subscription.block(TIMEOUT));
		await().during(Duration.ofMillis(1500)).until(() -> logins.get() == 1);
	}

	@Test
	void aFailedEventIsNeverSkippedAndComesAgainAfterARestart(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		List<Long> seen = new CopyOnWriteArrayList<>();
		AtomicBoolean failThird = new AtomicBoolean(true);
		client.subscribe(TOPIC, (event) -> {
			seen.add(event.replayId());
			if (seen.size() == 3 && failThird.get()) {
				throw new IllegalStateException("boom");
			}
		}).block(TIMEOUT);
		List<Long> ids = emulator.publish(TOPIC, 3, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(seen).containsExactlyElementsOf(ids));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(ids.get(1))));
		// later events are still handled, but the stored id stays before the failed one...
		List<Long> more = emulator.publish(TOPIC, 2, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(seen).endsWith(more.toArray(Long[]::new)));
		assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(ids.get(1)));

		// ...so a restart delivers it again, with the events after it, and then stores past it
		failThird.set(false);
		client.stop();
		seen.clear();
		client.start();
		await().untilAsserted(() -> assertThat(seen).containsExactly(ids.get(2), more.get(0), more.get(1)));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(more.get(1))));
	}

	@Test
	void subscribingAgainReplacesTheHandler(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		EventRecorder first = new EventRecorder();
		client.subscribe(TOPIC, first).block(TIMEOUT);
		List<Long> one = emulator.publish(TOPIC, 2, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(first.handled(TOPIC)).containsExactlyElementsOf(one));
		client.subscribe(TOPIC, this.recorder).block(TIMEOUT);
		List<Long> two = emulator.publish(TOPIC, 2, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(two));
		assertThat(first.handled(TOPIC)).containsExactlyElementsOf(one);
		assertThat(emulator.stats().subscribes()).hasSize(1);
	}

	@Test
	void unsubscribeStopsTheEvents(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		client.subscribe(TOPIC, this.recorder).block(TIMEOUT);
		List<Long> ids = emulator.publish(TOPIC, 2, "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
		// eager: the Mono is never subscribed
		client.unsubscribe(TOPIC);
		await().untilAsserted(() -> assertThat(emulator.stats().channel(TOPIC).subscribers()).isEmpty());
		emulator.publish(TOPIC, 2, "{\"Id\":\"a01\"}");
		assertThat(client.channels()).isEmpty();
		await().during(Duration.ofMillis(1500)).until(() -> this.recorder.handled(TOPIC).equals(ids));
	}

	@Test
	void eventsRejectedAroundAnUnsubscribeComeAgainOnTheNextSubscribe(SalesforceStreamingEmulator emulator)
			throws Exception {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean listening = new AtomicBoolean(true);
		AtomicInteger rejected = new AtomicInteger();
		List<Long> firstHandled = new CopyOnWriteArrayList<>();
		// like a listener container that was stopped: it refuses what is still queued, so nothing is stored
		EventHandler first = (event) -> {
			if (!listening.get()) {
				rejected.incrementAndGet();
				throw new IllegalStateException("no listener running");
			}
			firstHandled.add(event.replayId());
			if (firstHandled.size() == 1) {
				inHandler.countDown();
				release.await();
			}
		};
		client.subscribe(TOPIC, first).block(TIMEOUT);
		List<Long> ids = emulator.publish(TOPIC, 4, "{\"Id\":\"a01\"}");
		assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();
		await().untilAsserted(() -> assertThat(client.channels()).singleElement()
			.satisfies((status) -> assertThat(status.lastReceivedReplayId()).isEqualTo(ids.get(3))));
		listening.set(false);
		client.unsubscribe(TOPIC).block(TIMEOUT);
		release.countDown();
		await().untilAsserted(() -> assertThat(rejected).hasValue(3));
		assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(ids.get(0)));

		client.subscribe(TOPIC, this.recorder).block(TIMEOUT);
		await().untilAsserted(() -> assertThat(this.recorder.handled(TOPIC)).containsExactlyElementsOf(ids.subList(1, 4)));
	}

	@Test
	void anUnsubscribeRightAfterASubscribeLeavesNothingSubscribedOnTheServer(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		client.subscribe("/event/Order__e", this.recorder).block(TIMEOUT);
		for (int i = 0; i < 5; i++) {
			// both go out at once; whichever the server sees first, the channel must end up unsubscribed
			client.subscribe(TOPIC, this.recorder);
			client.unsubscribe(TOPIC);
		}
		await().untilAsserted(() -> assertThat(emulator.stats().channel(TOPIC).subscribers()).isEmpty());
		assertThat(client.channels()).extracting(ChannelStatus::channel).containsExactly("/event/Order__e");
	}

	@Test
	void everyChannelKindIsTyped(SalesforceStreamingEmulator emulator) {
		emulator.createChannel("/u/Notifications");
		emulator.createChannel("/data/AccountChangeEvent");
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		for (String channel : List.of(TOPIC, "/event/Order__e", "/u/Notifications", "/data/AccountChangeEvent")) {
			client.subscribe(channel, this.recorder).block(TIMEOUT);
		}
		emulator.publish(TOPIC, "{\"Id\":\"a01\",\"_eventType\":\"updated\"}");
		emulator.publish("/event/Order__e", "{\"Amount__c\":12}");
		emulator.publish("/u/Notifications", "\"hello\"");
		emulator.publish("/data/AccountChangeEvent",
				"{\"Name\":\"Acme\",\"ChangeEventHeader\":{\"changeType\":\"GAP_OVERFLOW\"}}");
		await().untilAsserted(() -> assertThat(this.recorder.events()).hasSize(4));
		assertThat(this.recorder.events()).anySatisfy((e) -> assertThat(e).isInstanceOfSatisfying(PushTopicEvent.class,
				(p) -> assertThat(p.type()).isEqualTo("updated")));
		assertThat(this.recorder.events()).anySatisfy((e) -> assertThat(e).isInstanceOfSatisfying(PlatformEvent.class,
				(p) -> {
					assertThat(p.eventUuid()).isNotBlank();
					assertThat(p.payload().path("Amount__c").asInt()).isEqualTo(12);
					assertThat(p.createdDate()).isNotNull();
				}));
		assertThat(this.recorder.events()).anySatisfy((e) -> assertThat(e).isInstanceOfSatisfying(GenericEvent.class,
				(g) -> assertThat(g.payload()).isEqualTo("hello")));
		assertThat(this.recorder.events()).anySatisfy((e) -> assertThat(e).isInstanceOfSatisfying(ChangeEvent.class,
				(c) -> {
					assertThat(c.header().changeType()).isEqualTo(ChangeType.GAP_OVERFLOW);
					assertThat(c.header().entityName()).isEqualTo("Account");
					assertThat(c.payload().path("Name").asString()).isEqualTo("Acme");
				}));
	}

	@Test
	void eventsStreamCountsAsHandledWhenOnNextReturns(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		List<StreamingEvent> streamed = new CopyOnWriteArrayList<>();
		List<JsonNode> messages = new CopyOnWriteArrayList<>();
		client.messages().subscribe(messages::add);
		// a channel without handler: its events wait for an events() subscriber
		client.subscribe(TOPIC).block(TIMEOUT);
		List<Long> ids = emulator.publish(TOPIC, 3, "{\"Id\":\"a01\"}");
		await().during(Duration.ofMillis(500)).until(() -> this.store.lastReplayId(TOPIC).isEmpty());
		client.events().subscribe(streamed::add);
		await().untilAsserted(() -> assertThat(streamed).extracting(StreamingEvent::replayId).containsExactlyElementsOf(ids));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC)).contains(ReplayPosition.after(ids.get(2))));
		assertThat(messages).anySatisfy((m) -> assertThat(m.path("channel").asString()).isEqualTo("/meta/connect"));
		assertThat(messages).anySatisfy((m) -> assertThat(m.path("channel").asString()).isEqualTo(TOPIC));
	}

	@Test
	void eventsStreamWorksAsBlockingIterable(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = start(EmulatorClients.client(emulator));
		client.subscribe(TOPIC).block(TIMEOUT);
		List<Long> ids = emulator.publish(TOPIC, 5, "{\"Id\":\"a01\"}");
		List<Long> taken = new ArrayList<>();
		for (StreamingEvent event : client.events().take(5).toIterable()) {
			taken.add(event.replayId());
		}
		assertThat(taken).containsExactlyElementsOf(ids);
	}

}
