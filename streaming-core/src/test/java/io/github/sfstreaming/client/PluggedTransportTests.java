package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.transport.StreamingTransport;
import io.github.sfstreaming.transport.TransportContext;
import io.github.sfstreaming.transport.TransportSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract between the client and a plugged transport, with a transport driven by the test: what is stored,
 * when, and where each subscription resumes.
 */
class PluggedTransportTests {

	private static final String CHANNEL = "/event/Order__e";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final ScriptedTransport transport = new ScriptedTransport();

	private final List<SalesforceStreamingClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach(SalesforceStreamingClient::stop);
	}

	private SalesforceStreamingClient client(ReplayPosition defaultReplay) {
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("token", java.net.URI.create("https://x.example")))
			.replayStore(this.store)
			.defaultReplay(defaultReplay)
			.bufferSize(10)
			.transport(this.transport)
			.build();
		this.clients.add(client);
		return client;
	}

	private static ReplayPosition id(int n) {
		return ReplayPosition.afterOpaque(new byte[] { 0x7f, (byte) n });
	}

	private static StreamingEvent event(int seq, @Nullable Instant created) {
		return new PlatformEvent(CHANNEL, 0, created, "uuid-" + seq, "schema", JsonNodeFactory.instance.objectNode()
			.put("Seq__c", seq), JsonNodeFactory.instance.objectNode());
	}

	private static int seq(StreamingEvent event) {
		return ((PlatformEvent) event).payload().path("Seq__c").asInt();
	}

	@Test
	void subscribesChannelsKnownBeforeStartAndIsConnectedOnceTheServerTookThem() {
		SalesforceStreamingClient client = client(ReplayPosition.NEW_EVENTS);
		Mono<Void> outcome = client.subscribe(CHANNEL, (event) -> {
		});
		client.start();
		await().atMost(WAIT).until(() -> this.transport.subscribed.contains(CHANNEL));
		assertThat(this.transport.context().resumeFrom(CHANNEL)).isEqualTo(ReplayPosition.NEW_EVENTS);
		// a channel from new events records its start, so that events after it survive a crash before any is handled
		assertThat(this.store.startOf(CHANNEL)).isPresent();
		this.transport.context().subscribed(CHANNEL);
		client.awaitConnected(WAIT);
		assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
		assertThat(outcome.block(WAIT)).isNull();
	}

	@Test
	void storesTheOpaqueIdOfEachEventOnlyAfterItsHandlerReturnedAndResumesFromIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> handled = new CopyOnWriteArrayList<>();
		SalesforceStreamingClient client = client(ReplayPosition.ALL_EVENTS);
		client.subscribe(CHANNEL, (event) -> {
			if (seq(event) == 2) {
				release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			handled.add(seq(event));
		});
		client.start();
		await().atMost(WAIT).until(() -> this.transport.subscribed.contains(CHANNEL));
		TransportContext context = this.transport.context();
		assertThat(context.resumeFrom(CHANNEL)).isEqualTo(ReplayPosition.ALL_EVENTS);
		for (int i = 1; i <= 3; i++) {
			assertThat(context.deliver(event(i, null), id(i))).isTrue();
		}
		await().atMost(WAIT).until(() -> handled.contains(1));
		// while event 2 is in its handler, nothing past event 1 is stored (event 1's id only if its turn has ended)
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isNotIn(Optional.of(id(2)),
				Optional.of(id(3)));
		// within the session, a resubscription resumes after the last event handed over, not the last stored
		assertThat(context.resumeFrom(CHANNEL)).isEqualTo(id(3));
		assertThat(context.freeSlots()).isEqualTo(8);
		// a keep-alive's latest id is not stored while events of the channel are in hand
		context.latestReplayId(CHANNEL, id(9));
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isNotEqualTo(Optional.of(id(9)));
		release.countDown();
		await().atMost(WAIT).until(() -> handled.size() == 3);
		await().atMost(WAIT)
			.until(() -> this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE).orElseThrow().equals(id(3)));
		assertThat(handled).containsExactly(1, 2, 3);
		assertThat(this.transport.roomFreed.get()).isPositive();
		// nothing in hand now: the keep-alive's id is stored
		context.latestReplayId(CHANNEL, id(9));
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(id(9));
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.NUMERIC)).isEmpty();
	}

	@Test
	void aFailedEventKeepsTheStoredIdBeforeItAndANewStartResumesThere() {
		List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(ReplayPosition.ALL_EVENTS);
		client.subscribe(CHANNEL, (event) -> {
			if (seq(event) == 2) {
				throw new IllegalStateException("boom");
			}
			handled.add(seq(event));
		});
		client.start();
		await().atMost(WAIT).until(() -> this.transport.subscribed.contains(CHANNEL));
		TransportContext context = this.transport.context();
		for (int i = 1; i <= 3; i++) {
			context.deliver(event(i, null), id(i));
		}
		await().atMost(WAIT).until(() -> handled.size() == 2);
		// stored at the end of the turn that handled event 1; never past the failed event 2
		await().atMost(WAIT).until(() -> this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE).isPresent());
		client.stop();
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(id(1));
		assertThat(context.deliver(event(4, null), id(4))).isFalse();

		SalesforceStreamingClient restarted = client(ReplayPosition.ALL_EVENTS);
		restarted.subscribe(CHANNEL, (event) -> {
		});
		restarted.start();
		await().atMost(WAIT).until(() -> this.transport.sessions.size() == 2);
		assertThat(this.transport.context().resumeFrom(CHANNEL)).isEqualTo(id(1));
	}

	@Test
	void aChannelWithOnlyARecordedStartReplaysTheRetainedEventsAndSkipsOlderOnes() {
		Instant start = Instant.now();
		this.store.storeStart(CHANNEL, start);
		List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
		SalesforceStreamingClient client = client(ReplayPosition.NEW_EVENTS);
		client.subscribe(CHANNEL, (event) -> handled.add(seq(event)));
		client.start();
		await().atMost(WAIT).until(() -> this.transport.subscribed.contains(CHANNEL));
		TransportContext context = this.transport.context();
		assertThat(context.resumeFrom(CHANNEL)).isEqualTo(ReplayPosition.ALL_EVENTS);
		context.deliver(event(1, start.minusSeconds(60)), id(1));
		context.deliver(event(2, start.plusSeconds(1)), id(2));
		context.deliver(event(3, start.minusSeconds(60)), id(3));
		await().atMost(WAIT).until(() -> handled.size() == 2);
		assertThat(handled).containsExactly(2, 3);
	}

	@Test
	void aRejectedIdIsForgottenAndAFailedChannelReportsItsError() {
		this.store.store(CHANNEL, id(5), null);
		SalesforceStreamingClient client = client(ReplayPosition.NEW_EVENTS);
		Mono<Void> outcome = client.subscribe(CHANNEL, (event) -> {
		});
		client.start();
		await().atMost(WAIT).until(() -> this.transport.subscribed.contains(CHANNEL));
		TransportContext context = this.transport.context();
		assertThat(context.resumeFrom(CHANNEL)).isEqualTo(id(5));
		context.replayIdRejected(CHANNEL);
		assertThat(this.store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		context.channelFailed(CHANNEL, new IllegalStateException("no such topic " + CHANNEL));
		assertThat(client.channels().get(0).error()).hasMessageContaining("no such topic");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcome.block(WAIT))
			.hasMessageContaining("no such topic");
	}

	@Test
	void theTransportDecidesWhichChannelsItCarries() {
		SalesforceStreamingClient client = client(ReplayPosition.NEW_EVENTS);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> client.subscribe("/topic/Invoices", (event) -> {
			}))
			.withMessageContaining("scripted transport carries /event/ only");
	}

	/** A transport whose events and answers the test gives. */
	private static final class ScriptedTransport implements StreamingTransport {

		final List<TransportContext> sessions = new CopyOnWriteArrayList<>();

		final List<String> subscribed = new CopyOnWriteArrayList<>();

		final AtomicInteger roomFreed = new AtomicInteger();

		TransportContext context() {
			return this.sessions.get(this.sessions.size() - 1);
		}

		@Override
		public ReplayIdFormat replayIdFormat() {
			return ReplayIdFormat.OPAQUE;
		}

		@Override
		public void checkChannel(String channel) {
			if (!channel.startsWith("/event/")) {
				throw new IllegalArgumentException("The scripted transport carries /event/ only, not " + channel);
			}
		}

		@Override
		public TransportSession open(TransportContext context) {
			this.sessions.add(context);
			context.onRoomFreed(this.roomFreed::incrementAndGet);
			return new TransportSession() {

				@Override
				public void subscribe(String channel) {
					ScriptedTransport.this.subscribed.add(channel);
				}

				@Override
				public void unsubscribe(String channel) {
					ScriptedTransport.this.subscribed.remove(channel);
				}

				@Override
				public void close() {
					ScriptedTransport.this.subscribed.clear();
				}

			};
		}

	}

}
