package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskDecorator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.event.ChannelKind;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.internal.bayeux.BayeuxSession;
import io.github.sfstreaming.internal.bayeux.BayeuxTransport;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.transport.StreamingTransport;
import io.github.sfstreaming.transport.TransportSession;

/**
 * A Salesforce Streaming API client: logs in, keeps a Bayeux long-polling session alive across every kind of
 * failure, subscribes channels from their stored replay ids and hands events to handlers.
 *
 * <pre>{@code
 * try (SalesforceStreamingClient client = SalesforceStreamingClient.builder()
 *         .tokenProvider(tokens)
 *         .replayStore(store)
 *         .build()) {
 *     client.subscribe("/topic/InvoiceUpdates", event -> System.out.println(event));
 *     client.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Events of a channel reach its handler one at a time, in replay-id order, on a handler thread; the poll
 * for the next events never waits for them. A replay id is stored only once its event is handled. When
 * {@link Builder#bufferSize(int) bufferSize} events wait for handlers, polling pauses until half of them are
 * handled; if Salesforce drops the idle session meanwhile, the client subscribes again from the replay store
 * and drops the events it already has.
 *
 * <p>After any reconnect, a channel resumes after its last handled (stored) event, or after the last event
 * received. A channel that has neither starts from {@link Builder#defaultReplay(ReplayPosition)}. One that starts
 * from {@link ReplayPosition#NEW_EVENTS} first records its start in the replay store
 * ({@link ReplayStore#storeStart}), so that until one of its events is handled, a stop, a crash or a reconnect
 * replays the retained events created since then: nothing published after a confirmed subscription is lost.
 *
 * <p>The client runs on threads of its own, all named {@code sf-streaming-*}: one polling thread
 * ({@code sf-streaming-session}), one that subscribes channels and reads the replay store
 * ({@code sf-streaming-subscriber}), and {@link Builder#handlerConcurrency(int) handlerConcurrency} handler threads
 * ({@code sf-streaming-handler-1}, ...), made anew at each start; see {@link Builder#threadFactory(ThreadFactory)}.
 *
 * <p>A message that cannot be an event (no {@code event} object, no usable replay id) is set aside and reported
 * to {@link StreamingClientListener#eventMalformed}; the others go on.
 */
public final class SalesforceStreamingClient implements AutoCloseable {

	/**
	 * The oldest Salesforce API version accepted ({@code 41.0}): durable streaming needs 37.0, and Salesforce
	 * retires versions 31.0 to 40.0.
	 */
	public static final int OLDEST_API_VERSION = 41;

	private static final Logger logger = LoggerFactory.getLogger(SalesforceStreamingClient.class);

	private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration LOOP_EXIT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The longest a healthy plugged transport stays silent: Pub/Sub sends a keep-alive within 270 s while credit
	 * is outstanding.
	 */
	private static final Duration PLUGGED_SILENCE_WINDOW = Duration.ofSeconds(300);

	private final ClientSettings settings;

	private final JsonMapper jsonMapper = JsonMapper.shared();

	private final BayeuxTransport transport;

	private final Listeners listener;

	private final Map<String, ChannelSubscription> channels = new ConcurrentHashMap<>();

	private final StateTracker state = new StateTracker();

	private final EventBroadcaster broadcaster = new EventBroadcaster();

	private final EventDispatcher dispatcher;

	private final Object lifecycleLock = new Object();

	/** Orders subscribes and unsubscribes of the same channel made on different threads. */
	private final Object subscriptionLock = new Object();

	private volatile Sinks.Many<JsonNode> messages = newMessageSink();

	private volatile boolean messagesClosed;

	private volatile @Nullable SessionLoop loop;

	private @Nullable Thread loopThread;

	/** A transport plugged in instead of the built-in CometD session, or {@code null}. */
	private final @Nullable StreamingTransport pluggedTransport;

	/** The plugged transport's session and its bridge, between a start and a stop. */
	private volatile @Nullable PluggedSession plugged;

	private long pluggedGenerations;

	private record PluggedSession(TransportSession session, TransportBridge bridge) {
	}

	SalesforceStreamingClient(Builder builder) {
		this.settings = builder.settings();
		this.pluggedTransport = builder.transport;
		this.listener = new Listeners(this.settings.listeners());
		this.transport = new BayeuxTransport(this.settings.webClientBuilder(), this.jsonMapper,
				this.settings.maxMessageSize());
		this.dispatcher = new EventDispatcher(this.settings.replayStore(), this.listener, this.broadcaster,
				this.settings.bufferSize(), this.settings.handlerConcurrency(), this.settings.threads());
	}

	/** Returns a builder. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the session in the background: login, handshake, subscriptions, polling. Returns at once;
	 * see {@link #awaitConnected(Duration)}. Does nothing if already started. A stopped client may be started
	 * again; its streams are then new ones.
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.loop != null || this.plugged != null) {
				return;
			}
			if (this.messagesClosed) {
				this.messages = newMessageSink();
				this.messagesClosed = false;
			}
			this.broadcaster.open();
			this.dispatcher.start();
			this.state.starting();
			StreamingTransport transport = this.pluggedTransport;
			if (transport != null) {
				startPlugged(transport);
				return;
			}
			SessionLoop loop = new SessionLoop(this.settings, this.transport, this.jsonMapper, this.channels,
					this.dispatcher, this.listener, this.state, this::publishMessage, this::failed);
			Thread thread = this.settings.threads().newThread("session", loop);
			this.loop = loop;
			this.loopThread = thread;
			thread.start();
		}
	}

	/** Opens the plugged transport's session and has it subscribe every channel known so far. */
	private void startPlugged(StreamingTransport transport) {
		this.state.pollWindow(PLUGGED_SILENCE_WINDOW);
		TransportBridge bridge = new TransportBridge(this.settings, transport.replayIdFormat(), this.channels,
				this.dispatcher, this.listener, this.state, this::failed, ++this.pluggedGenerations);
		TransportSession session = transport.open(bridge);
		synchronized (this.subscriptionLock) {
			this.plugged = new PluggedSession(session, bridge);
			for (ChannelSubscription subscription : this.channels.values()) {
				if (subscription.sessionStarted()) {
					session.subscribe(subscription.channel());
				}
			}
		}
	}

	/**
	 * Waits until the client is connected and Salesforce has answered the subscription of every channel
	 * subscribed so far. Events published after it returns reach the handlers, even on channels that start
	 * from new events. A channel Salesforce refused does not make it fail: that error goes to the
	 * {@code Mono} of {@link #subscribe(String, EventHandler)} and to {@link #channels()}.
	 * @param timeout how long to wait
	 * @throws StreamingException the error that made the client give up (not retryable), or a retryable one
	 * (such as {@link NotConnectedException}) when the client was still trying as the timeout passed
	 */
	public void awaitConnected(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.state.awaitConnected(timeout);
		for (ChannelSubscription subscription : this.channels.values()) {
			boolean answered;
			try {
				answered = subscription.awaitAnswered(deadline);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StreamingException("Interrupted while waiting for the subscription to "
						+ subscription.channel(), ex);
			}
			if (!answered) {
				throw new NotConnectedException("Connected, but Salesforce did not confirm the subscription to "
						+ subscription.channel() + " within " + timeout.toMillis() + " ms; still trying",
						subscription.channel());
			}
		}
		// a wait ended by stop() or by the client giving up is no success
		this.state.checkNotEnded();
	}

	/**
	 * Stops: cancels the poll in flight, lets the handlers finish the events they are handling and stores
	 * their replay ids (within the shutdown timeout), sends {@code /meta/disconnect} and completes the streams.
	 * Events received but not yet handed to a handler are dropped without storing their ids, so the next start
	 * receives them again. A {@link #start()} called meanwhile waits until the stop is complete. Idempotent.
	 */
	public void stop() {
		// Held throughout, so that a start() waits until this stop is complete: a start in the middle of it would
		// get handler threads and a dispatcher that this stop then shuts down.
		synchronized (this.lifecycleLock) {
			PluggedSession plugged = this.plugged;
			if (plugged != null) {
				stopPlugged(plugged);
				return;
			}
			SessionLoop loop = this.loop;
			Thread thread = this.loopThread;
			if (loop == null) {
				return;
			}
			this.loop = null;
			this.loopThread = null;
			this.state.set(ClientState.DISCONNECTING);
			loop.stop();
			// nobody will answer the subscriptions in flight: end their waits now, not after the shutdown timeout
			StreamingException stopped = new StreamingException("The client was stopped");
			this.channels.values().forEach((subscription) -> subscription.abandon(stopped));
			if (thread != null && thread != Thread.currentThread()) {
				try {
					thread.join(LOOP_EXIT_TIMEOUT.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.dispatcher.stop(this.settings.shutdownTimeout());
			try {
				this.settings.replayStore().flush();
			}
			catch (RuntimeException ex) {
				logger.error("Could not write the last replay ids on stop; their events will be delivered again", ex);
			}
			BayeuxSession session = loop.lastSession();
			if (session != null) {
				try {
					session.disconnect(DISCONNECT_TIMEOUT).onErrorResume((ex) -> Mono.empty()).block();
				}
				catch (RuntimeException ex) {
					logger.debug("Disconnect failed: {}", ex.getMessage());
				}
			}
			this.broadcaster.close(null);
			closeMessages(null);
			this.transport.cookieJar().clear();
			this.state.set(ClientState.STOPPED);
			logger.info("Stopped");
		}
	}

	private void stopPlugged(PluggedSession plugged) {
		this.plugged = null;
		this.state.set(ClientState.DISCONNECTING);
		StreamingException stopped = new StreamingException("The client was stopped");
		this.channels.values().forEach((subscription) -> subscription.abandon(stopped));
		try {
			plugged.session().close();
		}
		catch (RuntimeException ex) {
			logger.warn("The transport did not close cleanly: {}", ex.getMessage());
		}
		plugged.bridge().close();
		this.dispatcher.stop(this.settings.shutdownTimeout());
		try {
			this.settings.replayStore().flush();
		}
		catch (RuntimeException ex) {
			logger.error("Could not write the last replay ids on stop; their events will be delivered again", ex);
		}
		this.broadcaster.close(null);
		closeMessages(null);
		this.state.set(ClientState.STOPPED);
		logger.info("Stopped");
	}

	/** Same as {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	/** Whether {@link #start()} was called and {@link #stop()} was not. */
	public boolean isRunning() {
		return this.loop != null || this.plugged != null;
	}

	/**
	 * Subscribes to a channel, now if connected or at the next handshake otherwise, from the replay store's
	 * position (or the default). Its events go to {@code handler} and to {@link #events()}. Callable from any
	 * thread, before or after {@link #start()}. Takes effect whether or not the returned {@code Mono} is
	 * subscribed. Subscribing a channel again replaces its handler.
	 * @param channel the channel, for example {@code /topic/InvoiceUpdates} or {@code /event/Order__e}
	 * @param handler the channel's handler
	 * @return completes when Salesforce confirms the subscription; fails with {@link SubscriptionException}
	 */
	public Mono<Void> subscribe(String channel, EventHandler handler) {
		Objects.requireNonNull(handler, "handler must not be null");
		return doSubscribe(channel, handler);
	}

	/**
	 * Subscribes to a channel whose events go only to {@link #events()}. Its events wait (and, once the buffer
	 * is full, polling pauses) until something subscribes to {@link #events()}.
	 * @param channel the channel
	 * @return completes when Salesforce confirms the subscription
	 */
	public Mono<Void> subscribe(String channel) {
		return doSubscribe(channel, null);
	}

	private Mono<Void> doSubscribe(String channel, @Nullable EventHandler handler) {
		validateChannel(channel);
		Throwable failure = this.state.failure();
		boolean[] created = new boolean[1];
		ChannelSubscription subscription;
		synchronized (this.subscriptionLock) {
			subscription = this.channels.computeIfAbsent(channel, (name) -> {
				created[0] = true;
				return new ChannelSubscription(name, handler);
			});
		}
		if (created[0]) {
			// after an unsubscribe, events that were received but not handled must not be filtered out
			this.dispatcher.forgetUnhandled(channel);
		}
		subscription.handler(handler);
		subscription.renewIfAbandoned();
		boolean resend = subscription.restartIfFailed();
		synchronized (this.subscriptionLock) {
			SessionLoop loop = this.loop;
			PluggedSession plugged = this.plugged;
			boolean send = resend || subscription.state() == ChannelSubscription.State.PENDING;
			if (loop != null && send) {
				loop.subscribe(subscription);
			}
			else if (plugged != null && send) {
				plugged.session().subscribe(channel);
			}
		}
		if (failure != null && this.state.get() == ClientState.FAILED) {
			// the client gave up: no session will confirm this subscription until it is restarted
			return Mono.error(failure);
		}
		return subscription.outcome();
	}

	private void validateChannel(@Nullable String channel) {
		if (channel == null || channel.contains("*") || ChannelKind.of(channel) == null) {
			throw new IllegalArgumentException("channel '" + channel + "' must be a Salesforce channel ("
					+ ChannelKind.describeValidNames() + ") such as /topic/Name, /event/Name__e, /data/ChangeEvents "
					+ "or /u/Name");
		}
		StreamingTransport transport = this.pluggedTransport;
		if (transport != null) {
			transport.checkChannel(channel);
		}
	}

	/**
	 * Unsubscribes from a channel. Events of it already received are still handled. Takes effect whether or
	 * not the returned {@code Mono} is subscribed.
	 * @param channel the channel
	 * @return completes when Salesforce confirms
	 */
	public Mono<Void> unsubscribe(String channel) {
		Mono<Void> outcome;
		// Under the same lock as a subscribe, so that a subscribe of the same channel made on another thread is
		// queued after this unsubscribe and waits for it (see ChannelSubscriber).
		synchronized (this.subscriptionLock) {
			PluggedSession plugged = this.plugged;
			if (plugged != null || this.pluggedTransport != null) {
				forget(channel);
				if (plugged != null) {
					plugged.session().unsubscribe(channel);
					plugged.bridge().forget(channel);
				}
				return Mono.empty();
			}
			SessionLoop loop = this.loop;
			ChannelSubscription subscription = forget(channel);
			boolean neverSubscribed = subscription == null
					|| subscription.state() == ChannelSubscription.State.FAILED;
			outcome = (loop == null || neverSubscribed) ? Mono.empty() : loop.unsubscribe(channel);
		}
		outcome.subscribe(null, (ex) -> logger.warn("Unsubscribe from {} failed: {}", channel, ex.getMessage()));
		return outcome;
	}

	/** Removes a channel and ends the wait for its subscription; returns it, or {@code null} if there was none. */
	private @Nullable ChannelSubscription forget(String channel) {
		ChannelSubscription subscription = this.channels.remove(channel);
		if (subscription != null) {
			subscription.abandon(new SubscriptionException(channel, null, "Unsubscribed from " + channel
					+ " before Salesforce confirmed the subscription"));
		}
		return subscription;
	}

	/**
	 * Every Bayeux message received, {@code /meta/*} included, as raw JSON. A hot stream that ends on stop. It
	 * is for monitoring: a subscriber that does not keep up misses messages (events are never missed by
	 * {@link #events()} or handlers). A message larger than {@link Builder#maxMessageSize(int)} appears as the
	 * stand-in described at {@link StreamingClientListener#eventMalformed}.
	 */
	public Flux<JsonNode> messages() {
		return this.messages.asFlux();
	}

	/**
	 * The events of every subscribed channel. An event is handled, and its replay id stored, when
	 * {@code onNext} returns for it (and the channel's handler, if any, returned normally). The client waits
	 * for the subscriber's demand rather than drop events. Ends on stop. For a blocking consumer, use
	 * {@code events().toIterable()}.
	 */
	public Flux<StreamingEvent> events() {
		return this.broadcaster.flux();
	}

	/** The session's current state. */
	public ClientState state() {
		return this.state.get();
	}

	/** The error that made the client give up ({@link ClientState#FAILED}), or {@code null}. */
	public @Nullable Throwable failure() {
		return this.state.failure();
	}

	/** When the last {@code /meta/connect} succeeded, or {@code null}. */
	public @Nullable Instant lastConnectTime() {
		return this.state.lastConnectTime();
	}

	/** Whether the client is still polling, or stalled by handlers that do not keep up; for health checks. */
	public PollingStatus pollingStatus() {
		return this.state.pollingStatus();
	}

	/** A snapshot of every channel's state. */
	public List<ChannelStatus> channels() {
		List<ChannelStatus> statuses = new ArrayList<>();
		for (ChannelSubscription subscription : this.channels.values()) {
			EventDispatcher.ChannelQueue queue = this.dispatcher.queue(subscription.channel());
			statuses.add(new ChannelStatus(subscription.channel(),
					subscription.state() == ChannelSubscription.State.SUBSCRIBED, subscription.error(),
					(queue != null) ? queue.lastReceived : -1, (queue != null) ? queue.lastStored : -1,
					(queue != null) ? queue.lastEventTime : null));
		}
		return statuses;
	}

	private void publishMessage(JsonNode message) {
		synchronized (this.messages) {
			this.messages.tryEmitNext(message);
		}
	}

	private void failed(Throwable failure) {
		this.broadcaster.close(failure);
		closeMessages(failure);
	}

	private void closeMessages(@Nullable Throwable error) {
		Sinks.Many<JsonNode> sink = this.messages;
		synchronized (sink) {
			if (error != null) {
				sink.tryEmitError(error);
			}
			else {
				sink.tryEmitComplete();
			}
		}
		this.messagesClosed = true;
	}

	private static Sinks.Many<JsonNode> newMessageSink() {
		return Sinks.many().multicast().directBestEffort();
	}

	/**
	 * Builds a {@link SalesforceStreamingClient}. Only {@link #tokenProvider(TokenProvider)} is required.
	 */
	public static final class Builder {

		private @Nullable TokenProvider tokenProvider;

		private String apiVersion = "64.0";

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable ReplayStore replayStore;

		private ReplayPosition defaultReplay = ReplayPosition.NEW_EVENTS;

		private InvalidReplayIdPolicy invalidReplayIdPolicy = InvalidReplayIdPolicy.ALL_EVENTS;

		private Duration initialBackoff = Duration.ofSeconds(1);

		private Duration maxBackoff = Duration.ofMinutes(2);

		private Duration longPollTimeoutMargin = Duration.ofSeconds(15);

		private int maxMessageSize = 10 * 1024 * 1024;

		private int bufferSize = 1000;

		private int handlerConcurrency = 4;

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private @Nullable ThreadFactory threadFactory;

		private @Nullable TaskDecorator taskDecorator;

		private final List<StreamingClientListener> listeners = new ArrayList<>();

		private @Nullable StreamingTransport transport;

		Builder() {
		}

		/**
		 * Receives events over another transport than the built-in CometD session, for example the Pub/Sub API's
		 * ({@code streaming-pubsub}). The buffer, handlers, replay store and listeners work the same; the CometD
		 * settings (API version, WebClient, long-poll margin, message size, back-off) do not apply to it.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(StreamingTransport transport) {
			this.transport = Objects.requireNonNull(transport, "transport must not be null");
			return this;
		}

		/** How to log in (required). */
		public Builder tokenProvider(TokenProvider tokenProvider) {
			this.tokenProvider = tokenProvider;
			return this;
		}

		/** Salesforce API version of the {@code /cometd/<version>} endpoint; default {@code 64.0}. */
		public Builder apiVersion(String apiVersion) {
			this.apiVersion = apiVersion;
			return this;
		}

		/** The WebClient builder to build the HTTP client from (customizers and observability apply). */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/** Where replay ids are kept; default an in-memory store. */
		public Builder replayStore(ReplayStore replayStore) {
			this.replayStore = replayStore;
			return this;
		}

		/** Where a channel with nothing stored starts; default {@link ReplayPosition#NEW_EVENTS}. */
		public Builder defaultReplay(ReplayPosition position) {
			this.defaultReplay = position;
			return this;
		}

		/** What to do when Salesforce rejects a stored replay id; default {@link InvalidReplayIdPolicy#ALL_EVENTS}. */
		public Builder invalidReplayIdPolicy(InvalidReplayIdPolicy policy) {
			this.invalidReplayIdPolicy = policy;
			return this;
		}

		/** Back-off between reconnect attempts, exponential with jitter; default 1 s to 2 min. */
		public Builder backoff(Duration initial, Duration max) {
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		/** Added to the server's long-poll timeout to get the HTTP response timeout; default 15 s. */
		public Builder longPollTimeoutMargin(Duration margin) {
			this.longPollTimeoutMargin = margin;
			return this;
		}

		/**
		 * Largest single Bayeux message accepted, in bytes; default 10 MiB. A response is read as it arrives and
		 * may carry many messages (a whole backlog); an event over the limit is skipped and reported as malformed.
		 */
		public Builder maxMessageSize(int bytes) {
			this.maxMessageSize = bytes;
			return this;
		}

		/**
		 * How many events may wait for their handlers, all channels together, before polling pauses; default
		 * 1000. Memory holds at most this many events plus the events of one server response.
		 */
		public Builder bufferSize(int events) {
			this.bufferSize = events;
			return this;
		}

		/** How many channels are handled in parallel; default 4. */
		public Builder handlerConcurrency(int threads) {
			this.handlerConcurrency = threads;
			return this;
		}

		/** How long {@link SalesforceStreamingClient#stop()} waits for events in hand; default 30 s. */
		public Builder shutdownTimeout(Duration timeout) {
			this.shutdownTimeout = timeout;
			return this;
		}

		/**
		 * Makes the client's threads (polling, subscriber and handler threads) instead of the default platform
		 * daemon threads: for example {@code Thread.ofVirtual().factory()} on Java 21+, or a factory that sets a
		 * context class loader. The client names the threads {@code sf-streaming-*}, whatever the factory; their
		 * other traits (daemon, priority, virtual) are the factory's. A factory of non-daemon threads keeps the
		 * JVM alive until {@link SalesforceStreamingClient#stop()}. Ordering per channel, {@code stop()} waiting
		 * for the handlers and the handler pool's size ({@link #handlerConcurrency(int)}) stay the client's.
		 * @param threadFactory makes a new thread for each task it is given
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory must not be null");
			return this;
		}

		/**
		 * Decorates each task of the handler threads, where handlers and {@link SalesforceStreamingClient#events()}
		 * subscribers run: to set up and clear a logging or security context around them, for example. A task
		 * hands up to 32 events of one channel (or one batch) to its handler. The polling and subscriber threads,
		 * which run the client's own work, are not decorated. None by default.
		 * @param taskDecorator the decorator, such as a Spring Boot application's {@code TaskDecorator} bean
		 * @return this builder
		 */
		public Builder taskDecorator(TaskDecorator taskDecorator) {
			this.taskDecorator = Objects.requireNonNull(taskDecorator, "taskDecorator must not be null");
			return this;
		}

		/** Adds a listener of session callbacks. */
		public Builder listener(StreamingClientListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/** Builds the client; nothing connects until {@link SalesforceStreamingClient#start()}. */
		public SalesforceStreamingClient build() {
			return new SalesforceStreamingClient(this);
		}

		ClientSettings settings() {
			if (this.tokenProvider == null) {
				throw new IllegalArgumentException("tokenProvider must be set");
			}
			if (this.apiVersion == null || !this.apiVersion.matches("\\d{2,3}\\.0")) {
				throw new IllegalArgumentException("apiVersion '" + this.apiVersion + "' must look like 64.0");
			}
			if (Integer.parseInt(this.apiVersion.substring(0, this.apiVersion.indexOf('.'))) < OLDEST_API_VERSION) {
				throw new IllegalArgumentException("apiVersion '" + this.apiVersion + "' must be " + OLDEST_API_VERSION
						+ ".0 or later: Salesforce retires versions 31.0 to 40.0, and earlier ones have no durable "
						+ "streaming (replay)");
			}
			requirePositive(this.initialBackoff, "backoff initial");
			requirePositive(this.maxBackoff, "backoff max");
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException("backoff max (" + this.maxBackoff
						+ ") must not be less than backoff initial (" + this.initialBackoff + ")");
			}
			if (this.longPollTimeoutMargin == null || this.longPollTimeoutMargin.isNegative()) {
				throw new IllegalArgumentException("longPollTimeoutMargin must be zero or positive");
			}
			if (this.shutdownTimeout == null || this.shutdownTimeout.isNegative()) {
				throw new IllegalArgumentException("shutdownTimeout must be zero or positive");
			}
			if (this.maxMessageSize < 64 * 1024) {
				throw new IllegalArgumentException(
						"maxMessageSize " + this.maxMessageSize + " must be at least 65536 bytes (default 10 MiB)");
			}
			if (this.bufferSize < 1) {
				throw new IllegalArgumentException("bufferSize " + this.bufferSize + " must be at least 1");
			}
			if (this.handlerConcurrency < 1) {
				throw new IllegalArgumentException(
						"handlerConcurrency " + this.handlerConcurrency + " must be at least 1");
			}
			Objects.requireNonNull(this.defaultReplay, "defaultReplay must not be null");
			Objects.requireNonNull(this.invalidReplayIdPolicy, "invalidReplayIdPolicy must not be null");
			ReplayStore replayStore = (this.replayStore != null) ? this.replayStore : new InMemoryReplayStore();
			StreamingTransport transport = this.transport;
			if (transport != null) {
				ReplayIdFormat format = transport.replayIdFormat();
				if (!replayStore.formats().contains(format)) {
					throw new IllegalArgumentException("replayStore " + replayStore.getClass().getName()
							+ " cannot keep the " + format + " replay ids of the transport "
							+ transport.getClass().getSimpleName() + ": its formats() are " + replayStore.formats());
				}
				if (!this.defaultReplay.fits(format)) {
					throw new IllegalArgumentException("defaultReplay " + this.defaultReplay + " is not a replay id of "
							+ "the transport " + transport.getClass().getSimpleName()
							+ "; use NEW_EVENTS or ALL_EVENTS");
				}
			}
			return new ClientSettings(this.tokenProvider, this.apiVersion,
					(this.webClientBuilder != null) ? this.webClientBuilder : WebClient.builder(),
					replayStore, this.defaultReplay,
					this.invalidReplayIdPolicy, this.initialBackoff, this.maxBackoff, this.longPollTimeoutMargin,
					this.maxMessageSize, this.bufferSize, this.handlerConcurrency, this.shutdownTimeout,
					this.listeners, new ClientThreads(this.threadFactory, this.taskDecorator));
		}

		private static void requirePositive(@Nullable Duration duration, String argument) {
			if (duration == null || duration.isZero() || duration.isNegative()) {
				throw new IllegalArgumentException(argument + " must be positive, was " + duration);
			}
		}

	}

}
