package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.ByteString;
import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.OrgIds;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.logging.ServerText;
import io.github.sfstreaming.pubsub.proto.ConsumerEvent;
import io.github.sfstreaming.pubsub.proto.FetchRequest;
import io.github.sfstreaming.pubsub.proto.FetchResponse;
import io.github.sfstreaming.pubsub.proto.PubSubGrpc;
import io.github.sfstreaming.pubsub.proto.ReplayPreset;
import io.github.sfstreaming.pubsub.proto.SchemaRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes one topic over the Pub/Sub API and hands its events, in order, to a {@link PubSubSink}.
 * <ul>
 * <li>Credit: the server is never owed more than {@code min(maxCredit, sink.freeSlots())} events; more is
 * requested as the sink frees room ({@link #roomFreed()}).</li>
 * <li>Watchdog: a stream that sends nothing, not even a keep-alive, for the keep-alive timeout while credit is
 * outstanding is given up and resubscribed from {@link PubSubSink#resumeFrom()}.</li>
 * <li>A stream the server ends (at zero credit after about 60 s, on a restart, {@code UNAVAILABLE}) is
 * resubscribed from {@link PubSubSink#resumeFrom()} after a back-off; auth errors log in again first; a refused
 * replay id follows the invalid-replay-id policy after a back-off (never a tight loop); limit errors wait long;
 * a missing or forbidden topic fails the subscription.</li>
 * <li>Each event is decoded with the schema its own schema id names, fetched with {@code GetSchema} once.</li>
 * </ul>
 * All its work runs on one thread of its own, so the sink is called one call at a time.
 */
public final class PubSubSubscriber implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PubSubSubscriber.class);

	private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

	/** How long a new stream stays open without an error before it counts as taken. */
	private static final Duration SETTLE_TIME = Duration.ofMillis(500);

	/** A subscriber's state. */
	public enum State {

		/** Not started. */
		NEW,

		/** A stream is open (or being opened). */
		SUBSCRIBED,

		/** Waiting to resubscribe, after a failure or for room in the sink. */
		RECONNECTING,

		/** Failed for good; see {@link PubSubSink#failed}. */
		FAILED,

		/** Closed. */
		STOPPED

	}

	private final String topic;

	private final Channel channel;

	private final PubSubCredentials credentials;

	private final PubSubSink sink;

	private final PubSubSubscriberSettings settings;

	private final ScheduledExecutorService executor;

	private final AvroEventDecoder decoder;

	private volatile State state = State.NEW;

	// Everything below is touched only on the executor's thread.

	private @Nullable AccessToken token;

	private @Nullable Attempt attempt;

	/** Written on the executor's thread only; volatile so that {@link #creditOutstanding()} reads it anywhere. */
	private volatile int outstanding;

	private long lastResponseNanos;

	private Duration backOff;

	private int authFailuresInARow;

	private @Nullable PubSubStart override;

	private boolean waitingForRoom;

	private @Nullable ScheduledFuture<?> reconnect;

	private @Nullable ScheduledFuture<?> watchdog;

	private volatile @Nullable Thread thread;

	private final AtomicBoolean roomFreedPending = new AtomicBoolean();

	/**
	 * A subscriber that sends the org id each token's login told ({@link AccessToken#orgId()}; the OAuth token
	 * providers read it from the token response's {@code id} URL). Without one the subscription fails with a
	 * {@link PubSubException} that says what to give.
	 * @param topic the topic, e.g. {@code /event/Order__e} or {@code /data/AccountChangeEvent}
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider the CometD side uses too
	 * @param sink where events go
	 * @param settings how the stream is kept
	 */
	public PubSubSubscriber(String topic, Channel channel, TokenProvider tokens, PubSubSink sink,
			PubSubSubscriberSettings settings) {
		this(topic, channel, new PubSubCredentials(tokens), sink, settings);
	}

	/**
	 * A subscriber that sends the org id given, for tokens that do not tell it.
	 * @param topic the topic, e.g. {@code /event/Order__e} or {@code /data/AccountChangeEvent}
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider the CometD side uses too
	 * @param orgId the org's 15 or 18 character id ({@code 00D...}), sent as {@code tenantid}; Salesforce names
	 * the 18 character one
	 * @param sink where events go
	 * @param settings how the stream is kept
	 */
	public PubSubSubscriber(String topic, Channel channel, TokenProvider tokens, String orgId, PubSubSink sink,
			PubSubSubscriberSettings settings) {
		this(topic, channel, new PubSubCredentials(tokens, OrgIds.check(orgId, "orgId")), sink, settings);
	}

	private PubSubSubscriber(String topic, Channel channel, PubSubCredentials credentials, PubSubSink sink,
			PubSubSubscriberSettings settings) {
		if (topic == null || !(topic.startsWith("/event/") || topic.startsWith("/data/"))) {
			throw new IllegalArgumentException("topic must be a platform event (/event/X__e) or change event "
					+ "(/data/X) channel; PushTopics and generic channels are not served over Pub/Sub, not " + topic);
		}
		this.topic = topic;
		this.channel = Objects.requireNonNull(channel, "channel");
		this.credentials = credentials;
		this.sink = Objects.requireNonNull(sink, "sink");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.backOff = settings.initialBackOff();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sf-streaming-pubsub " + topic);
			thread.setDaemon(true);
			this.thread = thread;
			return thread;
		});
		this.decoder = new AvroEventDecoder(new SchemaCache(this::fetchSchema));
	}

	/** Opens the stream. */
	public void start() {
		run(() -> {
			if (this.state == State.NEW) {
				long period = Math.max(10, this.settings.keepAliveTimeout().toMillis() / 4);
				this.watchdog = this.executor.scheduleWithFixedDelay(this::watch, period, period,
						TimeUnit.MILLISECONDS);
				subscribe();
			}
		});
	}

	/** Tells the subscriber that the sink has freed room: it tops its credit up. Any thread. */
	public void roomFreed() {
		// handlers call this once per event: one pending top-up is enough
		if (!this.roomFreedPending.compareAndSet(false, true)) {
			return;
		}
		run(() -> {
			this.roomFreedPending.set(false);
			if (this.waitingForRoom) {
				subscribe();
			}
			else {
				topUp();
			}
		});
	}

	/** Runs the task on the subscriber's thread, unless it is closed. */
	private void run(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closed: nothing more happens.
		}
	}

	/**
	 * The current state.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/** The topic. */
	public String topic() {
		return this.topic;
	}

	/**
	 * The events requested from the server and not yet received on the open stream (0 without one), for a gauge.
	 * Any thread.
	 * @return the credit outstanding
	 */
	public int creditOutstanding() {
		return this.outstanding;
	}

	/** Cancels the stream and stops; the sink gets nothing more. */
	@Override
	public void close() {
		if (this.executor.isShutdown()) {
			return;
		}
		run(() -> {
			end(State.STOPPED);
			cancel("the subscriber was closed");
		});
		this.executor.shutdown();
		if (Thread.currentThread() == this.thread) {
			// Closed from the sink: the close task runs once this call returns.
			return;
		}
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean isOver() {
		return this.state == State.FAILED || this.state == State.STOPPED;
	}

	private void subscribe() {
		this.reconnect = null;
		this.waitingForRoom = false;
		if (isOver()) {
			return;
		}
		int credit = Math.min(this.settings.maxCredit(), Math.max(0, this.sink.freeSlots()));
		if (credit == 0) {
			// A stream without credit would only be closed by the server after 60 s: wait for room instead.
			this.waitingForRoom = true;
			this.state = State.RECONNECTING;
			return;
		}
		try {
			if (this.token == null) {
				this.token = this.credentials.current();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot log in for the Pub/Sub subscription of {}: {}; retrying in {} ms", this.topic,
					ServerText.escape(ex.getMessage()), this.backOff.toMillis());
			scheduleResubscribe(nextBackOff());
			return;
		}
		Metadata metadata;
		try {
			metadata = this.credentials.metadata(this.token);
		}
		catch (PubSubCredentials.MissingOrgIdException ex) {
			// a configuration error: no later login tells what this one did not
			fail(new PubSubException(this.topic, PubSubErrorKind.FINAL, null,
					"The Pub/Sub subscription of " + this.topic + " cannot start: " + ex.getMessage(), ex));
			return;
		}
		PubSubStart start;
		try {
			start = (this.override != null) ? this.override : this.sink.resumeFrom();
		}
		catch (RuntimeException ex) {
			// e.g. the replay store is down: subscribing from anywhere else could skip events
			logger.warn("Cannot tell where to resume {} from: {}; retrying in {} ms", this.topic,
					ServerText.escape(ex.getMessage()), this.backOff.toMillis());
			scheduleResubscribe(nextBackOff());
			return;
		}
		Attempt next = new Attempt();
		this.attempt = next;
		this.outstanding = credit;
		this.lastResponseNanos = System.nanoTime();
		this.state = State.SUBSCRIBED;
		PubSubGrpc.newStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
			.subscribe(next);
		FetchRequest.Builder request = FetchRequest.newBuilder()
			.setTopicName(this.topic)
			.setReplayPreset(preset(start))
			.setNumRequested(credit);
		if (start.replayId() != null) {
			request.setReplayId(ByteString.copyFrom(start.replayId().toByteArray()));
		}
		logger.debug("Subscribing {} from {} with credit {}", this.topic, start, credit);
		next.send(request.build());
		// No answer comes before the first event or keep-alive: a stream still open a moment later was taken.
		this.executor.schedule(() -> taken(next), SETTLE_TIME.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static ReplayPreset preset(PubSubStart start) {
		return switch (start.preset()) {
			case LATEST -> ReplayPreset.LATEST;
			case EARLIEST -> ReplayPreset.EARLIEST;
			case CUSTOM -> ReplayPreset.CUSTOM;
		};
	}

	private void taken(Attempt attempt) {
		if (attempt != this.attempt || isOver() || attempt.taken) {
			return;
		}
		attempt.taken = true;
		this.sink.subscribed();
	}

	private void onResponse(Attempt from, FetchResponse response) {
		if (from != this.attempt || isOver()) {
			return;
		}
		taken(from);
		this.lastResponseNanos = System.nanoTime();
		this.backOff = this.settings.initialBackOff();
		this.authFailuresInARow = 0;
		// The server took the start: from now on the sink's stored position is the one to resume from.
		this.override = null;
		try {
			for (ConsumerEvent event : response.getEventsList()) {
				if (this.sink.freeSlots() <= 0) {
					// More than the credit: taking it would overflow the buffer, dropping it would lose it.
					abandon(from, "the server sent more events than requested");
					return;
				}
				PubSubEvent decoded;
				try {
					decoded = this.decoder.decode(this.topic, event);
				}
				catch (RuntimeException ex) {
					// The schema could not be fetched: resubscribe from the stored position rather than skip it.
					onEnd(from, ex);
					from.cancel("a schema could not be fetched");
					return;
				}
				this.outstanding = Math.max(0, this.outstanding - 1);
				this.sink.accept(decoded);
			}
			if (response.getEventsCount() == 0 && !response.getLatestReplayId().isEmpty()) {
				this.sink.keepAlive(PubSubReplayId.of(response.getLatestReplayId().toByteArray()));
			}
			topUp();
		}
		catch (RuntimeException ex) {
			logger.error("The sink of {} failed to take a Pub/Sub response; resubscribing from its position",
					this.topic, ex);
			abandon(from, "the sink failed");
		}
	}

	/** Gives a stream up and resubscribes from the sink's position after a back-off. */
	private void abandon(Attempt from, String why) {
		if (from != this.attempt) {
			return;
		}
		logger.warn("Giving up the Pub/Sub stream of {}: {}; resubscribing from the stored position", this.topic,
				why);
		this.attempt = null;
		this.outstanding = 0;
		from.cancel(why);
		this.sink.reconnecting(PubSubErrorKind.TRANSIENT, new PubSubException(this.topic, PubSubErrorKind.TRANSIENT,
				null, "Gave up the Pub/Sub stream of " + this.topic + ": " + why, null));
		scheduleResubscribe(nextBackOff());
	}

	private void topUp() {
		Attempt current = this.attempt;
		if (current == null || isOver()) {
			return;
		}
		int target = Math.min(this.settings.maxCredit(), Math.max(0, this.sink.freeSlots()));
		int more = target - this.outstanding;
		// topped up once half the credit is used, not after every response: one request per event at low rates
		// cost a round trip each; with nothing outstanding any room is asked for, so the stream never starves
		if (more > 0 && (this.outstanding == 0 || more >= Math.max(1, target / 2))) {
			this.outstanding += more;
			current.send(FetchRequest.newBuilder().setNumRequested(more).build());
		}
	}

	private void watch() {
		if (isOver()) {
			return;
		}
		if (this.waitingForRoom && this.sink.freeSlots() > 0) {
			subscribe();
			return;
		}
		long silentNanos = System.nanoTime() - this.lastResponseNanos;
		if (this.attempt != null && this.outstanding > 0
				&& silentNanos > this.settings.keepAliveTimeout().toNanos()) {
			abandon(this.attempt, "it sent nothing for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms with "
					+ this.outstanding + " events requested, not even a keep-alive");
		}
	}

	private void onEnd(Attempt from, @Nullable Throwable error) {
		if (from != this.attempt || isOver()) {
			return;
		}
		int owed = this.outstanding;
		this.attempt = null;
		this.outstanding = 0;
		this.state = State.RECONNECTING;
		if (error == null) {
			logger.info("The server ended the Pub/Sub stream of {}; resubscribing", this.topic);
			scheduleResubscribe(nextBackOff());
			return;
		}
		Status status = Status.fromThrowable(error);
		Metadata trailers = Status.trailersFromThrowable(error);
		String errorCode = (trailers != null) ? trailers.get(ERROR_CODE) : null;
		PubSubErrorKind kind = PubSubErrorKind.classify(status.getCode(), errorCode);
		String described = status.getCode() + ((errorCode != null) ? " " + ServerText.escape(errorCode) : "")
				+ ((status.getDescription() != null) ? ": " + ServerText.escape(status.getDescription()) : "");
		if (kind == PubSubErrorKind.TRANSIENT && owed == 0 && this.sink.freeSlots() <= 0) {
			// The server closes a stream that is owed nothing after about 60 s, and nothing was asked because the
			// sink is full: no lost connection to report (the sink's own state tells it is paused); subscribe
			// again as soon as there is room.
			logger.debug("The Pub/Sub stream of {} was closed while the sink is full ({}); resubscribing when it "
					+ "has room", this.topic, described);
			subscribe();
			return;
		}
		if (kind != PubSubErrorKind.FINAL) {
			this.sink.reconnecting(kind, new PubSubException(this.topic, kind, escaped(errorCode),
					"The Pub/Sub stream of " + this.topic + " ended (" + described + ")", null));
		}
		switch (kind) {
			case AUTH -> reauthenticate(described);
			case INVALID_REPLAY_ID -> invalidReplayId(described, errorCode, error);
			case LIMIT -> {
				logger.warn("Pub/Sub subscription of {} refused for a limit ({}); retrying in {} s", this.topic,
						described, this.settings.limitBackOff().toSeconds());
				scheduleResubscribe(this.settings.limitBackOff());
			}
			case FINAL -> fail(new PubSubException(this.topic, kind, escaped(errorCode),
					"The Pub/Sub subscription of " + this.topic + " failed (" + described
							+ "); check that the topic exists and that the user may subscribe to it",
					error));
			case TRANSIENT -> {
				Duration wait = nextBackOff();
				logger.info("The Pub/Sub stream of {} ended ({}); resubscribing in {} ms", this.topic, described,
						wait.toMillis());
				scheduleResubscribe(wait);
			}
		}
	}

	private void reauthenticate(String described) {
		AccessToken rejected = this.token;
		this.token = null;
		this.authFailuresInARow++;
		try {
			if (rejected != null) {
				this.token = this.credentials.refresh(rejected);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Logging in again for the Pub/Sub subscription of {} failed: {}", this.topic,
					ServerText.escape(ex.getMessage()));
		}
		// The first refusal retries at once with the new token; more in a row back off.
		Duration wait = (this.authFailuresInARow <= 1) ? Duration.ZERO : nextBackOff();
		logger.info("The Pub/Sub API refused the token for {} ({}); logged in again, resubscribing in {} ms",
				this.topic, described, wait.toMillis());
		scheduleResubscribe(wait);
	}

	private void invalidReplayId(String described, @Nullable String errorCode, Throwable error) {
		PubSubStart refused = (this.override != null) ? this.override : this.sink.resumeFrom();
		PubSubStart instead = switch (this.settings.onInvalidReplayId()) {
			case FAIL -> null;
			case NEW_EVENTS -> PubSubStart.latest();
			case ALL_EVENTS -> PubSubStart.earliest();
		};
		if (instead == null || refused.preset() != PubSubStart.Preset.CUSTOM) {
			fail(new PubSubException(this.topic, PubSubErrorKind.INVALID_REPLAY_ID, escaped(errorCode),
					"The Pub/Sub API refused the replay id to resume " + this.topic + " from (" + described
							+ "); it is corrupted or outside the retention window. Set the invalid-replay-id "
							+ "policy (replay.on-invalid-id) to NEW_EVENTS or ALL_EVENTS to resubscribe from a "
							+ "preset, or clear the stored position",
					error));
			return;
		}
		Duration wait = nextBackOff();
		logger.warn("The Pub/Sub API refused the stored replay id of {} ({}); resubscribing from {} in {} ms "
				+ "as the invalid-replay-id policy {} says", this.topic, described, instead.preset(), wait.toMillis(),
				this.settings.onInvalidReplayId());
		this.override = instead;
		this.sink.replayIdRejected();
		scheduleResubscribe(wait);
	}

	private static @Nullable String escaped(@Nullable String errorCode) {
		return (errorCode != null) ? ServerText.escape(errorCode) : null;
	}

	private Duration nextBackOff() {
		Duration current = this.backOff;
		Duration doubled = current.multipliedBy(2);
		this.backOff = (doubled.compareTo(this.settings.maxBackOff()) > 0) ? this.settings.maxBackOff() : doubled;
		return current;
	}

	private void scheduleResubscribe(Duration wait) {
		if (isOver()) {
			return;
		}
		this.state = State.RECONNECTING;
		this.reconnect = this.executor.schedule(this::subscribe, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void fail(PubSubException error) {
		logger.error(error.getMessage());
		end(State.FAILED);
		this.sink.failed(error);
	}

	private void end(State finalState) {
		if (isOver()) {
			return;
		}
		this.state = finalState;
		if (this.watchdog != null) {
			this.watchdog.cancel(false);
		}
		if (this.reconnect != null) {
			this.reconnect.cancel(false);
		}
	}

	private void cancel(String why) {
		Attempt current = this.attempt;
		this.attempt = null;
		if (current != null) {
			current.cancel(why);
		}
	}

	private String fetchSchema(String schemaId) {
		AccessToken current = (this.token != null) ? this.token : this.credentials.current();
		return PubSubGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(this.credentials.metadata(current)))
			.withDeadlineAfter(SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build())
			.getSchemaJson();
	}

	/** One {@code Subscribe} stream; its callbacks hop onto the subscriber's thread. */
	private final class Attempt implements ClientResponseObserver<FetchRequest, FetchResponse> {

		private @Nullable ClientCallStreamObserver<FetchRequest> requests;

		/** Whether the sink was told the stream was taken; touched on the subscriber's thread only. */
		boolean taken;

		@Override
		public void beforeStart(ClientCallStreamObserver<FetchRequest> requests) {
			this.requests = requests;
		}

		void send(FetchRequest request) {
			if (this.requests != null) {
				this.requests.onNext(request);
			}
		}

		void cancel(String why) {
			if (this.requests != null) {
				this.requests.cancel(why, null);
			}
		}

		@Override
		public void onNext(FetchResponse response) {
			execute(() -> onResponse(this, response));
		}

		@Override
		public void onError(Throwable error) {
			execute(() -> onEnd(this, error));
		}

		@Override
		public void onCompleted() {
			execute(() -> onEnd(this, null));
		}

		private void execute(Runnable task) {
			run(task);
		}

	}

}
