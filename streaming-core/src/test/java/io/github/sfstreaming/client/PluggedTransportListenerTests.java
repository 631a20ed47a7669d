package io.github.sfstreaming.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.transport.StreamingTransport;
import io.github.sfstreaming.transport.TransportContext;
import io.github.sfstreaming.transport.TransportSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a plugged transport's reports tell the client's listeners and its polling status, as the CometD session's
 * do: a lost connection is a disconnect, a keep-alive is counted, and a full buffer (no credit) pauses receiving.
 */
class PluggedTransportListenerTests {

	private static final String CHANNEL = "/event/Order__e";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final FakeTransport transport = new FakeTransport();

	private final Recorder recorder = new Recorder();

	private @Nullable SalesforceStreamingClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
	}

	private TransportContext start(int bufferSize, EventHandler handler) {
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("token", URI.create("https://acme.my.salesforce.com")))
			.replayStore(new InMemoryReplayStore())
			.transport(this.transport)
			.listener(this.recorder)
			.bufferSize(bufferSize)
			.shutdownTimeout(Duration.ofSeconds(1))
			.build();
		this.client = client;
		client.subscribe(CHANNEL, handler);
		client.start();
		TransportContext context = this.transport.context;
		assertThat(context).isNotNull();
		return context;
	}

	private static PlatformEvent event() {
		JsonMapper json = JsonMapper.shared();
		return new PlatformEvent(CHANNEL, -1, null, null, null, json.createObjectNode(), json.createObjectNode());
	}

	@Test
	void aConnectionIsReportedOnceAndALostStreamOfAConnectedClientIsADisconnectBeforeTheReconnect() {
		TransportContext context = start(10, (event) -> {
		});
		context.subscribed(CHANNEL);
		assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
		// another stream of the same connection (a second channel, a resubscription) is no new connection
		context.subscribed(CHANNEL);
		context.reconnecting("transient", new StreamingException("stream reset"));
		context.reconnecting("auth", new StreamingException("token refused"));
		assertThat(this.recorder.calls).containsExactly("connected", "disconnected:transient: stream reset",
				"reconnecting:transient", "reconnecting:auth");
		assertThat(this.client.state()).isEqualTo(ClientState.RECONNECTING);
		context.subscribed(CHANNEL);
		assertThat(this.recorder.calls).endsWith("connected");
	}

	@Test
	void aKeepAliveIsReported() {
		TransportContext context = start(10, (event) -> {
		});
		context.latestReplayId(CHANNEL, ReplayPosition.afterOpaque(new byte[] { 7 }));
		assertThat(this.recorder.calls).contains("keepAlive:" + CHANNEL);
	}

	@Test
	void noRoomInTheBufferPausesReceivingUntilHandlersFreeIt() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		TransportContext context = start(1, (event) -> release.await(WAIT.toSeconds(), TimeUnit.SECONDS));
		assertThat(context.freeSlots()).isEqualTo(1);
		assertThat(this.client.pollingStatus().pausedSince()).isNull();
		assertThat(context.deliver(event(), ReplayPosition.afterOpaque(new byte[] { 1 }))).isTrue();
		assertThat(context.freeSlots()).isZero();
		assertThat(this.client.pollingStatus().pausedSince()).isNotNull();
		release.countDown();
		await().atMost(WAIT).until(() -> context.freeSlots() == 1);
		assertThat(this.client.pollingStatus().pausedSince()).isNull();
	}

	@Test
	void aStopEndsThePause() {
		CountDownLatch never = new CountDownLatch(1);
		TransportContext context = start(1, (event) -> never.await(50, TimeUnit.MILLISECONDS));
		context.deliver(event(), ReplayPosition.afterOpaque(new byte[] { 1 }));
		context.freeSlots();
		this.client.stop();
		assertThat(this.client.pollingStatus().pausedSince()).isNull();
	}

	@Test
	void aRestartOfTheSameClientHandsTheNewSessionsEventsToTheHandler() {
		List<Byte> handled = new CopyOnWriteArrayList<>();
		InMemoryReplayStore store = new InMemoryReplayStore();
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("token", URI.create("https://acme.my.salesforce.com")))
			.replayStore(store)
			.transport(this.transport)
			.shutdownTimeout(Duration.ofSeconds(1))
			.build();
		this.client = client;
		client.subscribe(CHANNEL, (event) -> handled.add((byte) event.data().path("n").asInt()));
		for (int session = 0; session < 3; session++) {
			client.start();
			TransportContext context = this.transport.context;
			assertThat(context.resumeFrom(CHANNEL)).isEqualTo((session == 0) ? ReplayPosition.NEW_EVENTS
					: ReplayPosition.afterOpaque(new byte[] { (byte) (session * 2) }));
			for (int i = 1; i <= 2; i++) {
				byte n = (byte) (session * 2 + i);
				JsonMapper json = JsonMapper.shared();
				PlatformEvent event = new PlatformEvent(CHANNEL, -1, null, null, null, json.createObjectNode(),
						json.createObjectNode().put("n", n));
				assertThat(context.deliver(event, ReplayPosition.afterOpaque(new byte[] { n }))).isTrue();
			}
			byte last = (byte) (session * 2 + 2);
			await().atMost(WAIT).until(() -> handled.size() == last);
			client.stop();
		}
		assertThat(handled).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6);
	}

	/** A transport that hands its context to the test. */
	private static final class FakeTransport implements StreamingTransport {

		volatile @Nullable TransportContext context;

		@Override
		public ReplayIdFormat replayIdFormat() {
			return ReplayIdFormat.OPAQUE;
		}

		@Override
		public void checkChannel(String channel) {
		}

		@Override
		public TransportSession open(TransportContext context) {
			this.context = context;
			return new TransportSession() {

				@Override
				public void subscribe(String channel) {
				}

				@Override
				public void unsubscribe(String channel) {
				}

				@Override
				public void close() {
				}

			};
		}

	}

	private static final class Recorder implements StreamingClientListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void connected() {
			this.calls.add("connected");
		}

		@Override
		public void disconnected(String reason) {
			this.calls.add("disconnected:" + reason);
		}

		@Override
		public void reconnecting(String cause) {
			this.calls.add("reconnecting:" + cause);
		}

		@Override
		public void keepAliveReceived(String channel) {
			this.calls.add("keepAlive:" + channel);
		}

	}

}
