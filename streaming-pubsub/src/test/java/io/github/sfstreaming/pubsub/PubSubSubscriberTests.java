package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.List;

import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PubSubSubscriberTests {

	private static final String ORDER = "/event/Order__e";

	private static final String ACCOUNT = "/data/AccountChangeEvent";

	private static final String ORG_ID = "00D000000000001AAA";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private SalesforceStreamingEmulator emulator;

	private ManagedChannel channel;

	private CountingTokens tokens;

	private final List<PubSubSubscriber> subscribers = new java.util.ArrayList<>();

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.channels(ORDER, ACCOUNT)
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(200))
			.pubSubZeroCreditTimeout(Duration.ofMillis(400))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(this.emulator.pubSubInProcessName()).build();
		this.tokens = new CountingTokens(UsernamePasswordTokenProvider.builder()
			.loginUrl(this.emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build());
	}

	@AfterEach
	void stop() {
		this.subscribers.forEach(PubSubSubscriber::close);
		this.channel.shutdownNow();
		this.emulator.close();
	}

	private PubSubSubscriber subscriber(String topic, TestSink sink, PubSubSubscriberSettings settings) {
		PubSubSubscriber subscriber = new PubSubSubscriber(topic, this.channel, this.tokens, ORG_ID, sink, settings);
		sink.subscriber = subscriber;
		this.subscribers.add(subscriber);
		subscriber.start();
		return subscriber;
	}

	private static PubSubSubscriberSettings fast() {
		return PubSubSubscriberSettings.defaults()
			.withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
			.withKeepAliveTimeout(Duration.ofSeconds(20));
	}

	private static void handleUntil(TestSink sink, int count) {
		await().atMost(WAIT).until(() -> {
			sink.handleAll();
			return sink.handled.size() >= count;
		});
	}

	private static List<Long> sequence(TestSink sink) {
		return sink.handled.stream()
			.map((event) -> ((PlatformEvent) event.event()).payload().path("Seq__c").asLong())
			.toList();
	}

	@Test
	void deliversPlatformEventsInOrderAndResumesAfterTheStoredReplayId() {
		for (int i = 1; i <= 3; i++) {
			this.emulator.publish(ORDER, "{\"Seq__c\":" + i + "}");
		}
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		PubSubSubscriber first = subscriber(ORDER, sink, fast());
		handleUntil(sink, 3);
		PlatformEvent event = (PlatformEvent) sink.handled.get(0).event();
		assertThat(event.channel()).isEqualTo(ORDER);
		assertThat(event.createdDate()).isNotNull();
		assertThat(event.eventUuid()).isEqualTo(sink.handled.get(0).eventId()).isNotEmpty();
		assertThat(event.schema()).isEqualTo(sink.handled.get(0).schemaId());
		assertThat(event.payload().path("CreatedDate").isString()).isTrue();
		first.close();

		this.emulator.publish(ORDER, "{\"Seq__c\":4}");
		this.emulator.publish(ORDER, "{\"Seq__c\":5}");
		TestSink resumed = new TestSink(10, PubSubStart.earliest());
		resumed.stored.set(sink.stored.get());
		subscriber(ORDER, resumed, fast());
		handleUntil(resumed, 2);
		assertThat(sequence(sink)).containsExactly(1L, 2L, 3L);
		assertThat(sequence(resumed)).containsExactly(4L, 5L);
	}

	@Test
	void neverHoldsMoreThanTheFreeSlotsAndTopsUpAsRoomIsFreed() {
		TestSink sink = new TestSink(3, PubSubStart.earliest());
		for (int i = 1; i <= 20; i++) {
			this.emulator.publish(ORDER, "{\"Seq__c\":" + i + "}");
		}
		subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.inHand() == 3);
		handleUntil(sink, 20);
		assertThat(sink.overflow).isFalse();
		assertThat(this.emulator.pubSubStats().maxPending()).isEqualTo(3);
		assertThat(sequence(sink)).containsExactlyElementsOf(
				java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
	}

	@Test
	void storesAKeepAlivePositionAndResumesFromIt() {
		this.emulator.publish(ORDER, 2, "{\"Seq__c\":0}");
		TestSink sink = new TestSink(10, PubSubStart.latest());
		PubSubSubscriber first = subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.stored.get() != null);
		first.close();
		this.emulator.publish(ORDER, "{\"Seq__c\":7}");
		TestSink resumed = new TestSink(10, PubSubStart.earliest());
		resumed.stored.set(sink.stored.get());
		subscriber(ORDER, resumed, fast());
		handleUntil(resumed, 1);
		assertThat(sequence(resumed)).containsExactly(7L);
	}

	@Test
	void aSilentStreamIsGivenUpAndResubscribedFromTheStore() {
		TestSink sink = new TestSink(10, PubSubStart.latest());
		PubSubSubscriber subscriber = subscriber(ORDER, sink,
				fast().withKeepAliveTimeout(Duration.ofMillis(800)));
		await().atMost(WAIT).until(() -> sink.stored.get() != null);
		this.emulator.pubSubFaults().stallStreams();
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		handleUntil(sink, 1);
		assertThat(sequence(sink)).containsExactly(1L);
		assertThat(sink.resumes.get()).isGreaterThanOrEqualTo(2);
		assertThat(subscriber.state()).isEqualTo(PubSubSubscriber.State.SUBSCRIBED);
	}

	@Test
	void aStreamClosedAtZeroCreditResumesFromTheStoreWithoutLoss() {
		TestSink sink = new TestSink(2, PubSubStart.earliest());
		for (int i = 1; i <= 5; i++) {
			this.emulator.publish(ORDER, "{\"Seq__c\":" + i + "}");
		}
		PubSubSubscriber subscriber = subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.inHand() == 2);
		// The server closes the stream left without credit; the subscriber waits for room.
		await().atMost(WAIT).until(() -> subscriber.state() == PubSubSubscriber.State.RECONNECTING);
		handleUntil(sink, 5);
		assertThat(sequence(sink)).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(sink.overflow).isFalse();
	}

	@Test
	void readsEachEventWithItsOwnSchemaAcrossASchemaChange() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		this.emulator.publish(ORDER, "{\"Seq__c\":1,\"Note__c\":\"before\"}");
		this.emulator.pubSubFaults().schemaChange(ORDER);
		this.emulator.publish(ORDER, "{\"Seq__c\":2,\"Note__c\":\"after\"}");
		this.emulator.publish(ORDER, "{\"Seq__c\":3,\"Note__c\":\"new\",\"Extra__c\":true}");
		subscriber(ORDER, sink, fast());
		handleUntil(sink, 3);
		assertThat(sequence(sink)).containsExactly(1L, 2L, 3L);
		assertThat(sink.handled.stream().map(PubSubEvent::schemaId).distinct()).hasSize(3);
		assertThat(sink.handled.stream()
			.map((event) -> ((PlatformEvent) event.event()).payload().path("Note__c").asString()))
			.containsExactly("before", "after", "new");
		assertThat(((PlatformEvent) sink.handled.get(2).event()).payload().path("Extra__c").asBoolean()).isTrue();
	}

	@Test
	void changeEventsExpandTheirBitmapsIntoTheSameHeaderAsCometD() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		this.emulator.publish(ACCOUNT, """
				{"Name":{"FirstName":"Ada","LastName":"Lovelace"},"Phone":"123","Fax":null,
				 "ChangeEventHeader":{"changeType":"UPDATE","commitNumber":9223372036854775807,
				   "changedFields":["Name.LastName","Phone"],"nulledFields":["Fax"]}}""");
		subscriber(ACCOUNT, sink, fast());
		handleUntil(sink, 1);
		ChangeEvent event = (ChangeEvent) sink.handled.get(0).event();
		assertThat(event.header().changeType()).isEqualTo(ChangeType.UPDATE);
		assertThat(event.header().entityName()).isEqualTo("Account");
		assertThat(event.header().changedFields()).containsExactlyInAnyOrder("Name.LastName", "Phone");
		assertThat(event.header().nulledFields()).containsExactly("Fax");
		assertThat(event.header().commitNumber()).isEqualTo(Long.MAX_VALUE);
		assertThat(event.header().transactionEnd()).isTrue();
		assertThat(event.createdDate()).isNotNull();
		assertThat(event.payload().path("Name").path("LastName").asString()).isEqualTo("Lovelace");
		assertThat(event.payload().path("ChangeEventHeader").path("changedFields").get(0).isString()).isTrue();
	}

	@Test
	void aCorruptedReplayIdFailsTheChannelOnceUnderTheFailPolicy() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		sink.stored.set(PubSubReplayId.of(new byte[] { 1, 2, 3 }));
		PubSubSubscriber subscriber = subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.failure.get() != null);
		assertThat(sink.failure.get().getKind()).isEqualTo(PubSubErrorKind.INVALID_REPLAY_ID);
		assertThat(sink.failure.get().getErrorCode()).endsWith("replayid.corrupted");
		assertThat(sink.failure.get()).hasMessageContaining("replay.on-invalid-id");
		assertThat(subscriber.state()).isEqualTo(PubSubSubscriber.State.FAILED);
		assertThat(sink.resumes.get()).isEqualTo(2);
	}

	@Test
	void aRefusedReplayIdUnderNewEventsResubscribesFromLatestOnce() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		sink.stored.set(PubSubReplayId.of(new byte[] { 9, 9, 9 }));
		subscriber(ORDER, sink, fast().withOnInvalidReplayId(InvalidReplayIdPolicy.NEW_EVENTS));
		await().atMost(WAIT).until(() -> !sink.keepAlives.isEmpty());
		this.emulator.publish(ORDER, "{\"Seq__c\":2}");
		handleUntil(sink, 1);
		assertThat(sequence(sink)).containsExactly(2L);
		assertThat(sink.failure.get()).isNull();
	}

	@Test
	void logsInAgainOnAnAuthErrorAndCarriesOn() {
		this.emulator.pubSubFaults().authError(1);
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		subscriber(ORDER, sink, fast());
		handleUntil(sink, 1);
		assertThat(this.tokens.refreshes.get()).isEqualTo(1);
		assertThat(sequence(sink)).containsExactly(1L);
	}

	@Test
	void resubscribesAfterTheServerBreaksTheStream() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		subscriber(ORDER, sink, fast());
		handleUntil(sink, 1);
		this.emulator.pubSubFaults().unavailable(2);
		this.emulator.pubSubFaults().breakStreams();
		this.emulator.publish(ORDER, "{\"Seq__c\":2}");
		handleUntil(sink, 2);
		assertThat(sequence(sink)).containsExactly(1L, 2L);
	}

	@Test
	void aSchemaThatCannotBeFetchedResubscribesFromTheStoreInsteadOfSkippingTheEvent() {
		TestSink sink = new TestSink(10, PubSubStart.latest());
		subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.stored.get() != null);
		// The next call is the GetSchema of the event below.
		this.emulator.pubSubFaults().unavailable(1);
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		handleUntil(sink, 1);
		assertThat(sequence(sink)).containsExactly(1L);
		assertThat(sink.resumes.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aLimitErrorWaitsTheLimitBackOffThenSubscribes() {
		this.emulator.pubSubFaults().failSubscribes(io.grpc.Status.Code.RESOURCE_EXHAUSTED,
				"sfdc.platform.eventbus.grpc.subscription.limit.exceeded", 1);
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		subscriber(ORDER, sink, fast().withLimitBackOff(Duration.ofMillis(300)));
		handleUntil(sink, 1);
		assertThat(sequence(sink)).containsExactly(1L);
		assertThat(sink.resumes.get()).isEqualTo(2);
		assertThat(sink.failure.get()).isNull();
	}

	@Test
	void aClosedSubscriberTakesNothingMore() {
		TestSink sink = new TestSink(10, PubSubStart.latest());
		PubSubSubscriber subscriber = subscriber(ORDER, sink, fast());
		await().atMost(WAIT).until(() -> sink.stored.get() != null);
		subscriber.close();
		assertThat(subscriber.state()).isEqualTo(PubSubSubscriber.State.STOPPED);
		int keepAlives = sink.keepAlives.size();
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		// A second subscriber on the same topic receives the event: by then the closed one would have too.
		TestSink other = new TestSink(10, PubSubStart.earliest());
		subscriber(ORDER, other, fast());
		handleUntil(other, 1);
		sink.handleAll();
		assertThat(sink.handled).isEmpty();
		assertThat(sink.keepAlives).hasSize(keepAlives);
	}

	@Test
	void aTopicThatDoesNotExistFailsTheChannelWithAClearError() {
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		subscriber("/event/Missing__e", sink, fast());
		await().atMost(WAIT).until(() -> sink.failure.get() != null);
		assertThat(sink.failure.get().getKind()).isEqualTo(PubSubErrorKind.FINAL);
		assertThat(sink.failure.get()).hasMessageContaining("/event/Missing__e").hasMessageContaining("NOT_FOUND");
	}

	@Test
	void theOrgIdComesWithTheTokenWhenNoneIsGiven() {
		// the first call is refused: the token of the re-login tells the org too
		this.emulator.pubSubFaults().authError(1);
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		TestSink sink = new TestSink(10, PubSubStart.earliest());
		start(new PubSubSubscriber(ORDER, this.channel, this.tokens, sink, fast()), sink);
		handleUntil(sink, 1);
		assertThat(this.tokens.refreshes.get()).isEqualTo(1);
		assertThat(sequence(sink)).containsExactly(1L);
		assertThat(sink.failure.get()).isNull();
	}

	@Test
	void aTokenThatCannotTellItsOrgNeedsTheOrgIdGiven() {
		String token = this.tokens.token().block(WAIT).value();
		this.emulator.publish(ORDER, "{\"Seq__c\":1}");
		TestSink unknown = new TestSink(10, PubSubStart.earliest());
		start(new PubSubSubscriber(ORDER, this.channel, new StaticTokenProvider(token, this.emulator.baseUrl()),
				unknown, fast()), unknown);
		await().atMost(WAIT).until(() -> unknown.failure.get() != null);
		assertThat(unknown.failure.get().getKind()).isEqualTo(PubSubErrorKind.FINAL);
		assertThat(unknown.failure.get()).hasMessageContaining(ORDER)
			.hasMessageContaining("org id")
			.hasMessageContaining("orgId argument of PubSubSubscriber")
			.hasMessageNotContaining(token);
		assertThat(unknown.subscriber.state()).isEqualTo(PubSubSubscriber.State.FAILED);

		TestSink given = new TestSink(10, PubSubStart.earliest());
		start(new PubSubSubscriber(ORDER, this.channel, new StaticTokenProvider(token, this.emulator.baseUrl()),
				this.emulator.orgId(), given, fast()), given);
		handleUntil(given, 1);
		TestSink told = new TestSink(10, PubSubStart.earliest());
		start(new PubSubSubscriber(ORDER, this.channel,
				new StaticTokenProvider(token, this.emulator.baseUrl(), this.emulator.orgId()), told, fast()), told);
		handleUntil(told, 1);
		assertThat(sequence(given)).containsExactly(1L);
		assertThat(sequence(told)).containsExactly(1L);
	}

	private void start(PubSubSubscriber subscriber, TestSink sink) {
		sink.subscriber = subscriber;
		this.subscribers.add(subscriber);
		subscriber.start();
	}

}
