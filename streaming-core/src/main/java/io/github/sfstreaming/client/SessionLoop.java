package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;
import io.github.sfstreaming.internal.bayeux.BayeuxException;
import io.github.sfstreaming.internal.bayeux.BayeuxSession;
import io.github.sfstreaming.internal.bayeux.BayeuxTransport;
import io.github.sfstreaming.internal.bayeux.ConnectResult;

/**
 * The session's life, run on its own thread from {@code start()} to {@code stop()}: log in, handshake, have
 * every channel subscribed, poll with {@code /meta/connect}; on failure, go on as the {@link ReconnectPolicy}
 * decides. The state lives in the {@link StateTracker}, the channels' subscriptions in the
 * {@link ChannelSubscriber}, the routing of received events in the {@link EventRouter}.
 */
final class SessionLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SessionLoop.class);

	/** Session numbers, unique across loops, since a restarted client keeps its subscriptions. */
	private static final AtomicLong generations = new AtomicLong();

	/**
	 * The least time between two polls that came back empty at once although the server should have held
	 * them: a server that answers every connect at once must not make the client poll in a tight loop.
	 */
	static final Duration MIN_EMPTY_POLL_INTERVAL = Duration.ofMillis(500);

	private final ClientSettings settings;

	private final BayeuxTransport transport;

	private final JsonMapper jsonMapper;

	private final Map<String, ChannelSubscription> channels;

	private final EventDispatcher dispatcher;

	private final StreamingClientListener listener;

	private final StateTracker state;

	private final Consumer<JsonNode> messageSink;

	private final Consumer<Throwable> failureHook;

	private final ReconnectPolicy policy;

	private final EventRouter router;

	private final ChannelSubscriber subscriber;

	private final AtomicLong messageIds = new AtomicLong();

	private final Object sessionLock = new Object();

	private final Sinks.Empty<Void> stopSignal = Sinks.empty();

	private final CountDownLatch stopLatch = new CountDownLatch(1);

	private volatile boolean stopping;

	private volatile long generation = -1;

	private volatile Sinks.Empty<Void> interrupt = Sinks.empty();

	private volatile @Nullable BayeuxException interruptCause;

	private volatile @Nullable BayeuxSession lastSession;

	SessionLoop(ClientSettings settings, BayeuxTransport transport, JsonMapper jsonMapper,
			Map<String, ChannelSubscription> channels, EventDispatcher dispatcher, StreamingClientListener listener,
			StateTracker state, Consumer<JsonNode> messageSink, Consumer<Throwable> failureHook) {
		this.settings = settings;
		this.transport = transport;
		this.jsonMapper = jsonMapper;
		this.channels = channels;
		this.dispatcher = dispatcher;
		this.listener = listener;
		this.state = state;
		this.messageSink = messageSink;
		this.failureHook = failureHook;
		this.policy = new ReconnectPolicy(new BackOffs(settings.initialBackoff(), settings.maxBackoff()));
		this.subscriber = new ChannelSubscriber(settings, channels, dispatcher, listener, this::interruptSession,
				this::routeReplies);
		this.router = new EventRouter(channels, dispatcher, listener, this.subscriber::wasConfirmed);
	}

	@Override
	public void run() {
		AccessToken token = null;
		AccessToken rejected = null;
		try {
			while (!this.stopping) {
				try {
					this.state.set(ClientState.HANDSHAKING);
					token = await((rejected != null) ? this.settings.tokenProvider().refresh(rejected)
							: this.settings.tokenProvider().token());
					rejected = null;
					BayeuxSession session = await(BayeuxSession.handshake(this.transport, this.jsonMapper, token,
							this.settings.apiVersion(), this.messageIds));
					logger.info("Handshake with {} succeeded (clientId {})", token.instanceUrl(), session.clientId());
					if (!session.replaySupported()) {
						logger.warn("The server did not announce the replay extension: events missed while "
								+ "disconnected cannot be replayed");
					}
					beginSession(session);
					poll(session);
				}
				catch (StoppedException ex) {
					break;
				}
				catch (RuntimeException ex) {
					boolean wasConnected = this.state.get() == ClientState.CONNECTED;
					endSession();
					if (this.stopping) {
						break;
					}
					ReconnectPolicy.Decision decision = this.policy.sessionFailed(ex);
					if (decision == null) {
						giveUp(ex);
						return;
					}
					if (decision.relogin()) {
						rejected = token;
					}
					reconnecting(ex, wasConnected, decision.kind());
					logReconnect(decision.kind(), ex, decision.delay());
					sleep(decision.delay());
				}
			}
		}
		catch (StoppedException ex) {
			// stop() was called while waiting
		}
		finally {
			endSession();
			this.subscriber.stop();
		}
	}

	private void logReconnect(BayeuxErrorKind kind, RuntimeException ex, Duration delay) {
		String message = "Session lost ({}): {}; reconnecting in {} ms (attempt {})";
		if (kind == BayeuxErrorKind.ORG_LIMIT || this.policy.failures() >= 5) {
			logger.warn(message, kind.cause(), ex.getMessage(), delay.toMillis(), this.policy.failures());
		}
		else {
			logger.info(message, kind.cause(), ex.getMessage(), delay.toMillis(), this.policy.failures());
		}
	}

	/** Reports a failure that is retried, and moves to {@link ClientState#RECONNECTING}. */
	private void reconnecting(RuntimeException ex, boolean wasConnected, BayeuxErrorKind kind) {
		this.state.lastError(ex);
		if (wasConnected) {
			this.listener.disconnected(String.valueOf(ex.getMessage()));
		}
		this.listener.reconnecting(ReconnectCause.of(kind).tag());
		this.state.set(ClientState.RECONNECTING);
	}

	private void giveUp(RuntimeException ex) {
		logger.error("Giving up: {}", ex.getMessage());
		this.state.failed(ex);
		for (ChannelSubscription subscription : this.channels.values()) {
			subscription.abandon(ex);
		}
		this.failureHook.accept(ex);
	}

	private void poll(BayeuxSession session) {
		boolean first = true;
		int sameSessionRetries = 0;
		while (true) {
			awaitCapacity();
			checkRunning();
			long sentAt = System.nanoTime();
			StreamedReply reply = new StreamedReply();
			ConnectResult result = connect(session, first, reply);
			result.messages().forEach(this.messageSink);
			this.router.route(result.events());
			BayeuxException failure = result.failure();
			if (failure != null) {
				Duration delay = this.stopping ? null : this.policy.sameSessionRetry(failure, ++sameSessionRetries);
				if (delay == null) {
					throw failure;
				}
				boolean wasConnected = this.state.get() == ClientState.CONNECTED;
				reconnecting(failure, wasConnected, failure.getKind());
				logger.info("Connect failed: {}; connecting again on the same session in {} ms (attempt {})",
						failure.getMessage(), delay.toMillis(), sameSessionRetries);
				sleep(delay);
				first = true; // answered at once: tells quickly whether the session is back
				continue;
			}
			sameSessionRetries = 0;
			this.state.pollWindow(session.advice().timeout().plus(this.settings.longPollTimeoutMargin()));
			this.state.connectSucceeded();
			boolean wasFirst = first;
			if (first) {
				first = false;
				this.state.set(ClientState.CONNECTED);
				logger.info("Connected: polling {} channel(s)", this.channels.size());
				this.listener.connected();
			}
			else {
				// a held connect came back fine: the session is healthy again
				this.policy.sessionHealthy();
			}
			Duration interval = session.advice().interval();
			if (!wasFirst && reply.events() == 0 && result.events().isEmpty() && !session.advice().timeout().isZero()) {
				// the server should have held this connect: a floor, so that one answering at once cannot spin us
				Duration elapsed = Duration.ofNanos(System.nanoTime() - sentAt);
				Duration floor = MIN_EMPTY_POLL_INTERVAL.minus(elapsed);
				interval = (floor.compareTo(interval) > 0) ? floor : interval;
			}
			sleep(interval);
		}
	}

	/**
	 * Sends a connect and routes the events of its reply on this thread as they are read (the reading thread
	 * parses, this one routes, the handler threads handle: a backlog's first events are handled while the rest
	 * of it still arrives). Routed in batches of all that arrived meanwhile, each in the order read. Waits as
	 * {@link #await} does: a stop or an interruption of the session cancels the exchange.
	 * @return the reply's result: its events are the ones not routed already (none, as all are streamed)
	 */
	private ConnectResult connect(BayeuxSession session, boolean first, StreamedReply reply) {
		Sinks.Empty<Void> interrupt = this.interrupt;
		Disposable exchange = session.connect(first, this.settings.longPollTimeoutMargin(), reply)
			.takeUntilOther(this.stopSignal.asMono())
			.takeUntilOther(interrupt.asMono())
			.subscribe(reply::complete, reply::fail, reply::completeEmpty);
		boolean opened = false;
		boolean whole = false;
		try {
			List<JsonNode> batch;
			while ((batch = reply.next()) != null) {
				if (!opened) {
					// before the first event is offered: no replay id is stored until the reply is in whole
					this.dispatcher.responseOpened();
					opened = true;
				}
				batch.forEach(this.messageSink);
				this.router.route(batch);
			}
			Throwable failure = reply.failure();
			if (failure != null) {
				throw Exceptions.propagate(failure);
			}
			ConnectResult result = reply.result();
			if (result == null) {
				checkRunning();
				throw new BayeuxException(BayeuxErrorKind.MALFORMED, "The server sent an empty answer");
			}
			whole = true;
			return result;
		}
		catch (InterruptedException ex) {
			// as Mono.block() does when interrupted
			Thread.currentThread().interrupt();
			throw Exceptions.propagate(ex);
		}
		finally {
			exchange.dispose();
			if (opened) {
				if (whole) {
					this.dispatcher.responseCompleted();
				}
				else {
					this.dispatcher.responseFailed();
				}
			}
		}
	}

	/** Waits while the buffer is full; polling is then reported as paused (see {@link PollingStatus}). */
	private void awaitCapacity() {
		checkRunning();
		if (!this.dispatcher.isFull()) {
			return;
		}
		this.state.paused(true);
		try {
			this.dispatcher.awaitCapacity(() -> this.stopping || this.interruptCause != null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoppedException();
		}
		finally {
			this.state.paused(false);
		}
	}

	private void checkRunning() {
		if (this.stopping) {
			throw new StoppedException();
		}
		BayeuxException cause = this.interruptCause;
		if (cause != null) {
			throw cause;
		}
	}

	private void beginSession(BayeuxSession session) {
		long generation;
		synchronized (this.sessionLock) {
			this.interruptCause = null;
			this.interrupt = Sinks.empty();
			this.lastSession = session;
			generation = generations.incrementAndGet();
			this.generation = generation;
		}
		this.subscriber.sessionStarted(session, generation);
	}

	private void endSession() {
		this.subscriber.sessionEnded();
		synchronized (this.sessionLock) {
			this.generation = -1;
			this.interruptCause = null;
			this.interrupt = Sinks.empty();
		}
	}

	/** Abandons the session from another thread: the poll in flight is cancelled and a new handshake made. */
	private void interruptSession(long generation, BayeuxException cause) {
		synchronized (this.sessionLock) {
			if (generation == this.generation && this.interruptCause == null) {
				this.interruptCause = cause;
				this.interrupt.tryEmitEmpty();
			}
		}
	}

	private void routeReplies(List<JsonNode> replies) {
		replies.forEach(this.messageSink);
		this.router.routeReplies(replies);
	}

	/** Subscribes a channel now if a session is up; otherwise the next handshake does. */
	void subscribe(ChannelSubscription subscription) {
		this.subscriber.subscribe(subscription);
	}

	/**
	 * Unsubscribes a channel if a session is up.
	 * @return its outcome
	 */
	Mono<Void> unsubscribe(String channel) {
		return this.subscriber.unsubscribe(channel);
	}

	private <T> T await(Mono<T> request) {
		Sinks.Empty<Void> interrupt = this.interrupt;
		T value = request.takeUntilOther(this.stopSignal.asMono()).takeUntilOther(interrupt.asMono()).block();
		if (value == null) {
			checkRunning();
			throw new BayeuxException(BayeuxErrorKind.MALFORMED, "The server sent an empty answer");
		}
		return value;
	}

	private void sleep(Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			return;
		}
		try {
			if (this.stopLatch.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new StoppedException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StoppedException();
		}
	}

	/** Stops the loop: cancels the poll in flight and any back-off wait. Does not wait. */
	void stop() {
		this.stopping = true;
		this.stopLatch.countDown();
		this.stopSignal.tryEmitEmpty();
		this.subscriber.stop();
	}

	/** The last session made, to send {@code /meta/disconnect} on when stopping. */
	@Nullable BayeuxSession lastSession() {
		return this.lastSession;
	}

	/** Thrown to unwind the loop when stop() is called. */
	private static final class StoppedException extends RuntimeException {

		StoppedException() {
			super(null, null, false, false);
		}

	}

}
