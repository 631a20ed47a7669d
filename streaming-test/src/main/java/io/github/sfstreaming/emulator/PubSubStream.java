package io.github.sfstreaming.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.github.sfstreaming.emulator.pubsub.ConsumerEvent;
import io.github.sfstreaming.emulator.pubsub.FetchRequest;
import io.github.sfstreaming.emulator.pubsub.FetchResponse;
import io.github.sfstreaming.emulator.pubsub.ProducerEvent;
import io.github.sfstreaming.emulator.pubsub.ReplayPreset;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Subscribe} stream: reads its topic's log after a cursor, sending at most the credit the client
 * granted (never more than 100 outstanding); sends a keep-alive with the topic's latest replay id when it has
 * credit and nothing was sent for the keep-alive interval; closes the stream after the zero-credit timeout.
 * Every send happens under the stream's lock, as a gRPC observer is not thread-safe.
 */
final class PubSubStream implements StreamObserver<FetchRequest> {

	static final int MAX_CREDIT = 100;

	private final ServerCallStreamObserver<FetchResponse> out;

	private final PubSubServer server;

	private final Clock clock;

	private final Runnable watcher = this::drainLater;

	private @Nullable String topic;

	private @Nullable ChannelLog log;

	private long cursor;

	private int credit;

	private boolean closed;

	private boolean stalled;

	private long lastSentNanos = System.nanoTime();

	private long zeroCreditSinceNanos = System.nanoTime();

	private @Nullable ScheduledFuture<?> ticker;

	PubSubStream(ServerCallStreamObserver<FetchResponse> out, PubSubServer server, Clock clock) {
		this.out = out;
		this.server = server;
		this.clock = clock;
		out.setOnCancelHandler(this::cancelled);
	}

	@Override
	public synchronized void onNext(FetchRequest request) {
		if (this.closed) {
			return;
		}
		try {
			if (this.topic == null) {
				start(request);
			}
			else if (!request.getTopicName().isEmpty() && !request.getTopicName().equals(this.topic)) {
				throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
						"A stream subscribes to one topic: " + this.topic + ", not " + request.getTopicName());
			}
			if (request.getNumRequested() < 0) {
				throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
						"num_requested must not be negative, not " + request.getNumRequested());
			}
			// More than 100 outstanding counts as 100.
			this.credit = (int) Math.min(MAX_CREDIT, (long) this.credit + request.getNumRequested());
			this.server.recordPending(this.credit);
			drain();
		}
		catch (StatusRuntimeException ex) {
			fail(ex);
		}
	}

	private void start(FetchRequest request) {
		String name = request.getTopicName();
		ChannelLog found = this.server.subscribableTopic(name);
		SalesforceStreamingEmulator.Settings settings = this.server.settings();
		ChannelLog.Bounds bounds = found.bounds(this.clock.instant(), settings.retention());
		ReplayPreset preset = request.getReplayPreset();
		if (preset == ReplayPreset.CUSTOM) {
			OptionalLong replayId = PubSubReplayIds.decode(name, request.getReplayId());
			if (replayId.isEmpty() || this.server.faults().takeCorruptedReplayId()) {
				throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.REPLAY_ID_CORRUPTED,
						"The replay id is corrupted: it is not a replay id of " + name);
			}
			if (!found.isValidReplayId(replayId.getAsLong(), this.clock.instant(), settings.retention())) {
				throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.REPLAY_ID_INVALID,
						"The replay id is not valid for " + name + ": it is outside the retention window");
			}
			this.cursor = replayId.getAsLong();
		}
		else if (preset == ReplayPreset.EARLIEST) {
			this.cursor = bounds.lastDropped();
		}
		else if (preset == ReplayPreset.LATEST) {
			this.cursor = bounds.last();
		}
		else {
			throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
					"Unknown replay_preset " + request.getReplayPresetValue());
		}
		this.topic = name;
		this.log = found;
		found.watch(this.watcher);
		this.server.opened(this);
		long period = Math.max(10, Math.min(1000,
				Math.min(settings.pubSub().keepAlive().toMillis(), settings.pubSub().zeroCreditTimeout().toMillis())
						/ 5));
		this.ticker = this.server.scheduler().scheduleWithFixedDelay(this::tick, period, period,
				TimeUnit.MILLISECONDS);
	}

	private void drainLater() {
		this.server.scheduler().execute(this::drainNow);
	}

	private synchronized void drainNow() {
		drain();
	}

	private void drain() {
		ChannelLog current = this.log;
		if (this.closed || this.stalled || current == null || this.topic == null) {
			return;
		}
		while (this.credit > 0) {
			List<RetainedEvent> events = current.after(this.cursor, this.credit, this.clock.instant(),
					this.server.settings().retention());
			if (events.isEmpty()) {
				return;
			}
			FetchResponse.Builder response = FetchResponse.newBuilder();
			for (RetainedEvent event : events) {
				PubSubSchemas.Encoded encoded = this.server.schemas().encode(this.topic, current.kind(), event);
				response.addEvents(ConsumerEvent.newBuilder()
					.setEvent(ProducerEvent.newBuilder()
						.setId(encoded.eventId())
						.setSchemaId(encoded.schemaId())
						.setPayload(ByteString.copyFrom(encoded.payload())))
					.setReplayId(PubSubReplayIds.encode(this.topic, event.replayId())));
			}
			RetainedEvent last = events.get(events.size() - 1);
			this.cursor = last.replayId();
			this.credit -= events.size();
			send(response.setLatestReplayId(PubSubReplayIds.encode(this.topic, last.replayId())));
		}
	}

	private void tick() {
		synchronized (this) {
			if (this.closed || this.stalled || this.topic == null || this.log == null) {
				return;
			}
			long now = System.nanoTime();
			Duration keepAlive = this.server.settings().pubSub().keepAlive();
			Duration zeroCredit = this.server.settings().pubSub().zeroCreditTimeout();
			if (this.credit == 0 && now - this.zeroCreditSinceNanos >= zeroCredit.toNanos()) {
				fail(Status.UNAVAILABLE.withDescription("RST_STREAM closed stream. HTTP/2 error code: NO_ERROR")
					.asRuntimeException());
				return;
			}
			if (this.credit > 0 && now - this.lastSentNanos >= keepAlive.toNanos()) {
				long latest = this.log.bounds(this.clock.instant(), this.server.settings().retention()).last();
				send(FetchResponse.newBuilder().setLatestReplayId(PubSubReplayIds.encode(this.topic, latest)));
			}
		}
	}

	private void send(FetchResponse.Builder response) {
		this.out.onNext(response.setRpcId(UUID.randomUUID().toString()).setPendingNumRequested(this.credit).build());
		this.server.recordSent(response.getEventsCount());
		this.lastSentNanos = System.nanoTime();
		if (this.credit == 0) {
			this.zeroCreditSinceNanos = this.lastSentNanos;
		}
	}

	/** This stream's topic and credit, or {@code null} before it named a topic. */
	synchronized PubSubStats.@Nullable StreamStats stats() {
		return (this.topic != null && !this.closed) ? new PubSubStats.StreamStats(this.topic, this.credit) : null;
	}

	/** Goes silent: requests are taken, nothing is sent. */
	synchronized void stall() {
		this.stalled = true;
	}

	/** Ends the stream with the error, as the server. */
	synchronized void fail(StatusRuntimeException error) {
		if (release()) {
			this.out.onError(error);
		}
	}

	@Override
	public synchronized void onError(Throwable error) {
		release();
	}

	@Override
	public synchronized void onCompleted() {
		if (release()) {
			this.out.onCompleted();
		}
	}

	private synchronized void cancelled() {
		release();
	}

	/** Marks the stream closed and stops its timers; {@code false} if it already was. */
	private boolean release() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		if (this.ticker != null) {
			this.ticker.cancel(false);
		}
		if (this.log != null) {
			this.log.unwatch(this.watcher);
		}
		this.server.closed(this);
		return true;
	}

}
