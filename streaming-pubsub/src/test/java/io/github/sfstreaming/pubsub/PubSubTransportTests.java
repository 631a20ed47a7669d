package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The core client over the Pub/Sub transport, end to end against the emulator's gRPC side: the same buffer,
 * handlers and replay store as over CometD, with opaque replay ids.
 */
class PubSubTransportTests {

	private static final String ORDER = "/event/Order__e";

	private static final String ACCOUNT = "/data/AccountChangeEvent";

	private static final String ORG_ID = "00D000000000001AAA";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private SalesforceStreamingEmulator emulator;

	private ManagedChannel channel;

	private TokenProvider tokens;

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final List<SalesforceStreamingClient> clients = new ArrayList<>();

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.channels(ORDER, ACCOUNT, "/topic/Invoices")
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(200))
			.pubSubZeroCreditTimeout(Duration.ofMillis(400))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(this.emulator.pubSubInProcessName()).build();
		this.tokens = UsernamePasswordTokenProvider.builder()
			.loginUrl(this.emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(SalesforceStreamingClient::stop);
		this.channel.shutdownNow();
		this.emulator.close();
	}

	private PubSubTransport transport(PubSubSubscriberSettings settings) {
		return new PubSubTransport(this.channel, this.tokens, settings);
	}

	private static PubSubSubscriberSettings fast() {
		return PubSubSubscriberSettings.defaults()
			.withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
			.withKeepAliveTimeout(Duration.ofSeconds(20));
	}

	private SalesforceStreamingClient client(SalesforceStreamingClient.Builder builder) {
		SalesforceStreamingClient client = builder.tokenProvider(this.tokens).replayStore(this.store).build();
		this.clients.add(client);
		return client;
	}

	private SalesforceStreamingClient client(PubSubSubscriberSettings settings, ReplayPosition defaultReplay) {
		return client(SalesforceStreamingClient.builder().transport(transport(settings)).defaultReplay(defaultReplay));
	}

	private static long seq(StreamingEvent event) {
		return ((PlatformEvent) event).payload().path("Seq__c").asLong();
	}

	private void publish(int from, int to) {
		for (int i = from; i <= to; i++) {
			this.emulator.publish(ORDER, "{\"Seq__c\":" + i + "}");
		}
	}

	@Test
	void deliversInOrderStoresOpaqueIdsAndARestartResumesAfterThem() {
		publish(1, 30);
		List<Long> first = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast(), ReplayPosition.ALL_EVENTS);
		client.subscribe(ORDER, (event) -> first.add(seq(event)));
		client.start();
		client.awaitConnected(WAIT);
		await().atMost(WAIT).until(() -> first.size() == 30);
		assertThat(first).isSorted().doesNotHaveDuplicates();
		await().atMost(WAIT).until(() -> this.store.lastReplayId(ORDER, ReplayIdFormat.OPAQUE)
			.filter(ReplayPosition::isOpaque)
			.isPresent());
		assertThat(this.store.lastReplayId(ORDER, ReplayIdFormat.NUMERIC)).isEmpty();
		client.stop();
		assertThat(client.state()).isEqualTo(ClientState.STOPPED);

		publish(31, 40);
		List<Long> second = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient restarted = client(fast(), ReplayPosition.ALL_EVENTS);
		restarted.subscribe(ORDER, (event) -> second.add(seq(event)));
		restarted.start();
		await().atMost(WAIT).until(() -> second.size() >= 10);
		assertThat(second).containsExactly(31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L, 40L);
	}

	@Test
	void aSlowHandlerWithASmallBufferLosesNothingAcrossZeroCreditCloses() {
		publish(1, 60);
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		List<String> reconnects = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(SalesforceStreamingClient.builder()
			.transport(transport(fast()))
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.bufferSize(5)
			.listener(new io.github.sfstreaming.client.StreamingClientListener() {

				@Override
				public void reconnecting(String cause) {
					reconnects.add(cause);
				}

			}));
		client.subscribe(ORDER, (event) -> {
			seen.add(seq(event));
			if (seen.size() % 20 == 0) {
				// longer than the emulator's zero-credit timeout: the server closes the stream meanwhile
				await().pollDelay(Duration.ofMillis(600)).until(() -> true);
			}
		});
		client.start();
		await().atMost(WAIT).until(() -> seen.size() >= 60);
		assertThat(seen).hasSize(60).isSorted().doesNotHaveDuplicates();
		// the server closed idle streams meanwhile; with a full buffer that is no lost connection
		assertThat(this.emulator.pubSubStats().subscribes()).isGreaterThan(1);
		assertThat(reconnects).isEmpty();
	}

	@Test
	void changeEventsArriveAsChangeEvents() {
		List<StreamingEvent> seen = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast(), ReplayPosition.ALL_EVENTS);
		client.subscribe(ACCOUNT, seen::add);
		client.start();
		client.awaitConnected(WAIT);
		this.emulator.publish(ACCOUNT, """
				{"Phone":"123","ChangeEventHeader":{"changeType":"UPDATE","changedFields":["Phone"]}}""");
		await().atMost(WAIT).until(() -> !seen.isEmpty());
		assertThat(seen.get(0)).isInstanceOf(ChangeEvent.class);
		assertThat(((ChangeEvent) seen.get(0)).header().changedFields()).contains("Phone");
	}

	@Test
	void transientFailuresAndAuthErrorsLoseNothing() {
		publish(1, 10);
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast(), ReplayPosition.ALL_EVENTS);
		client.subscribe(ORDER, (event) -> seen.add(seq(event)));
		client.start();
		await().atMost(WAIT).until(() -> seen.size() == 10);
		this.emulator.pubSubFaults().breakStreams();
		this.emulator.pubSubFaults().unavailable(2);
		publish(11, 15);
		this.emulator.pubSubFaults().authError(1);
		this.emulator.pubSubFaults().breakStreams();
		publish(16, 20);
		await().atMost(WAIT).until(() -> seen.size() >= 20);
		assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
	}

	@Test
	void aCorruptedStoredIdFollowsThePolicyAndIsForgotten() {
		publish(1, 5);
		List<Long> first = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast(), ReplayPosition.ALL_EVENTS);
		client.subscribe(ORDER, (event) -> first.add(seq(event)));
		client.start();
		await().atMost(WAIT).until(() -> first.size() == 5);
		client.stop();

		this.emulator.pubSubFaults().corruptedReplayId(1);
		List<Long> second = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient restarted = client(SalesforceStreamingClient.builder()
			.transport(transport(fast()))
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.invalidReplayIdPolicy(InvalidReplayIdPolicy.ALL_EVENTS));
		restarted.subscribe(ORDER, (event) -> second.add(seq(event)));
		restarted.start();
		// resubscribed from EARLIEST: the retained events come again (at least once), nothing is skipped
		await().atMost(WAIT).until(() -> second.size() >= 5);
		assertThat(second).startsWith(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void aCorruptedStoredIdFailsTheChannelUnderTheFailPolicy() {
		this.store.store(ORDER, ReplayPosition.afterOpaque(new byte[] { 1, 2, 3 }), null);
		this.emulator.pubSubFaults().corruptedReplayId(5);
		SalesforceStreamingClient client = client(SalesforceStreamingClient.builder()
			.transport(transport(fast()))
			.invalidReplayIdPolicy(InvalidReplayIdPolicy.FAIL));
		var outcome = client.subscribe(ORDER, (event) -> {
		}).toFuture();
		client.start();
		await().atMost(WAIT).until(outcome::isDone);
		assertThat(outcome).isCompletedExceptionally();
		assertThat(client.channels().get(0).error()).hasMessageContaining("replay.on-invalid-id");
	}

	@Test
	void reportsTheCreditOutstandingOfEachChannelWhileItsStreamIsOpen() {
		PubSubTransport transport = transport(fast().withMaxCredit(20));
		assertThat(transport.settings().maxCredit()).isEqualTo(20);
		SalesforceStreamingClient client = client(SalesforceStreamingClient.builder().transport(transport));
		client.subscribe(ORDER, (event) -> {
		});
		assertThat(transport.creditOutstanding(ORDER)).isZero();
		client.start();
		client.awaitConnected(WAIT);
		// idle: everything requested is still owed
		assertThat(transport.creditOutstanding(ORDER)).isEqualTo(20);
		assertThat(transport.creditOutstanding(ACCOUNT)).isZero();
		client.stop();
		assertThat(transport.creditOutstanding(ORDER)).isZero();
	}

	@Test
	void refusesPushTopicsAndGenericChannelsNamingTheTransportProperty() {
		SalesforceStreamingClient client = client(fast(), ReplayPosition.NEW_EVENTS);
		assertThatIllegalArgumentException().isThrownBy(() -> client.subscribe("/topic/Invoices", (event) -> {
		})).withMessageContaining("/topic/Invoices").withMessageContaining("salesforce.streaming.transport=cometd");
		assertThatIllegalArgumentException().isThrownBy(() -> client.subscribe("/u/Notifications", (event) -> {
		})).withMessageContaining("Pub/Sub");
	}

	@Test
	void refusesAStoreThatCannotKeepOpaqueIds() {
		ReplayStore cometdOnly = new ReplayStore() {

			@Override
			public void store(String channel, long replayId, java.time.@Nullable Instant eventTime) {
			}

			@Override
			public Optional<ReplayPosition> lastReplayId(String channel) {
				return Optional.empty();
			}

		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SalesforceStreamingClient.builder()
				.tokenProvider(this.tokens)
				.replayStore(cometdOnly)
				.transport(transport(fast()))
				.build())
			.withMessageContaining("OPAQUE");
	}

	@Test
	void aQuietChannelStoresTheLatestIdOfKeepAlivesWhenNothingIsInHand() {
		publish(1, 3);
		AtomicInteger handled = new AtomicInteger();
		SalesforceStreamingClient client = client(fast(), ReplayPosition.NEW_EVENTS);
		client.subscribe(ORDER, (event) -> handled.incrementAndGet());
		client.start();
		client.awaitConnected(WAIT);
		// no event was handled, yet keep-alives carry the topic's latest id: it is stored
		await().atMost(WAIT).until(() -> this.store.lastReplayId(ORDER, ReplayIdFormat.OPAQUE).isPresent());
		client.stop();
		publish(4, 4);
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient restarted = client(fast(), ReplayPosition.NEW_EVENTS);
		restarted.subscribe(ORDER, (event) -> seen.add(seq(event)));
		restarted.start();
		await().atMost(WAIT).until(() -> !seen.isEmpty());
		assertThat(seen).containsExactly(4L);
		assertThat(handled).hasValue(0);
	}

	@Test
	void aSilentStreamIsResubscribedFromWhereTheClientStandsWithoutLoss() {
		publish(1, 3);
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast().withKeepAliveTimeout(Duration.ofMillis(800)),
				ReplayPosition.ALL_EVENTS);
		client.subscribe(ORDER, (event) -> seen.add(seq(event)));
		client.start();
		await().atMost(WAIT).until(() -> seen.size() == 3);
		long subscribes = this.emulator.pubSubStats().subscribes();
		// the server keeps the stream open and sends nothing, not even keep-alives: the watchdog resubscribes
		this.emulator.pubSubFaults().stallStreams();
		publish(4, 6);
		await().atMost(WAIT).until(() -> seen.size() >= 6);
		assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(this.emulator.pubSubStats().subscribes()).isGreaterThan(subscribes);
	}

	@Test
	void aSchemaChangeMidStreamIsReadWithEachEventsOwnSchemaInOrder() {
		List<PlatformEvent> seen = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(fast(), ReplayPosition.ALL_EVENTS);
		client.subscribe(ORDER, (event) -> seen.add((PlatformEvent) event));
		client.start();
		this.emulator.publish(ORDER, "{\"Seq__c\":1,\"Note__c\":\"before\"}");
		await().atMost(WAIT).until(() -> seen.size() == 1);
		this.emulator.pubSubFaults().schemaChange(ORDER);
		this.emulator.publish(ORDER, "{\"Seq__c\":2,\"Note__c\":\"after\",\"Extra__c\":true}");
		this.emulator.publish(ORDER, "{\"Seq__c\":3,\"Note__c\":\"later\"}");
		await().atMost(WAIT).until(() -> seen.size() >= 3);
		assertThat(seen).extracting(PubSubTransportTests::seq).containsExactly(1L, 2L, 3L);
		assertThat(seen).extracting((event) -> event.payload().path("Note__c").asString())
			.containsExactly("before", "after", "later");
		assertThat(seen.get(1).payload().path("Extra__c").asBoolean()).isTrue();
		assertThat(seen.stream().map(PlatformEvent::schema).distinct()).hasSizeGreaterThan(1);
	}

}
