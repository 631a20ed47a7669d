package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.bayeux.Advice;
import io.github.sfstreaming.bayeux.Bayeux;
import io.github.sfstreaming.bayeux.BayeuxErrorKind;
import io.github.sfstreaming.bayeux.BayeuxException;
import io.github.sfstreaming.bayeux.BayeuxSession;
import io.github.sfstreaming.bayeux.BayeuxTransport;
import io.github.sfstreaming.bayeux.ConnectResult;
import io.github.sfstreaming.event.EventParser;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * The session state machine, run on its own thread from {@code start()} to {@code stop()}: login, handshake,
 * subscribe every channel, poll with {@code /meta/connect}; on failure, decide between a new handshake, a new
 * token, a back-off or giving up. Subscribe and unsubscribe requests of other threads go out at once,
 * alongside the poll.
 */
final class SessionLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SessionLoop.class);

	/** Session numbers, unique across loops, since a restarted client keeps its subscriptions. */
	private static final AtomicLong generations = new AtomicLong();

	/** Connects refused as too busy in a row before the session is given up for a new handshake. */
	private static final int MAX_SAME_SESSION_RETRIES = 3;

	private final ClientSettings settings;

	private final BayeuxTransport transport;

	private final JsonMapper jsonMapper;

	private final Map<String, ChannelSubscription> channels;

	private final EventDispatcher dispatcher;

	private final StreamingClientListener listener;

	private final StateTracker state;

	private final Consumer<JsonNode> messageSink;

	private final Consumer<Throwable> failureHook;

	private final BackOffs backOffs;

	private final EventParser parser = new EventParser();

	private final AtomicLong messageIds = new AtomicLong();

	private final Object sessionLock = new Object();

	private final Object dispatchLock = new Object();

	private final Sinks.Empty<Void> stopSignal = Sinks.empty();

	private final CountDownLatch stopLatch = new CountDownLatch(1);

	private volatile boolean stopping;

	private volatile @Nullable BayeuxSession session;

	private volatile long generation = -1;

	private volatile Sinks.Empty<Void> interrupt = Sinks.empty();

	private volatile @Nullable BayeuxException interruptCause;

	private volatile @Nullable BayeuxSession lastSession;

	private BackOffExecution backOff;

	private int failures;

	/** Unsubscriptions in flight, by channel. */
	private final Map<String, Unsubscribing> unsubscribing = new ConcurrentHashMap<>();

	/** Channels Salesforce confirmed at least once: a late event of one of them after an unsubscribe is normal. */
	private final Set<String> subscribedChannels = ConcurrentHashMap.newKeySet();

	/** Channels an event was dropped for, so that each is reported at WARN once. */
	private final Set<String> droppedChannels = ConcurrentHashMap.newKeySet();

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
		this.backOffs = new BackOffs(settings.initialBackoff(), settings.maxBackoff());
		this.backOff = this.backOffs.start();
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
					BayeuxErrorKind kind = kindOf(ex);
					if (kind == null) {
						giveUp(ex);
						return;
					}
					if (kind == BayeuxErrorKind.AUTHENTICATION) {
						rejected = token;
					}
					this.failures++;
					this.state.lastError(ex);
					if (wasConnected) {
						this.listener.disconnected(String.valueOf(ex.getMessage()));
					}
					Duration delay = delayFor(kind, ex);
					this.listener.reconnecting(kind.cause());
					this.state.set(ClientState.RECONNECTING);
					if (kind == BayeuxErrorKind.ORG_LIMIT || this.failures >= 5) {
						logger.warn("Session lost ({}): {}; reconnecting in {} ms (attempt {})", kind.cause(),
								ex.getMessage(), delay.toMillis(), this.failures);
					}
					else {
						logger.info("Session lost ({}): {}; reconnecting in {} ms (attempt {})", kind.cause(),
								ex.getMessage(), delay.toMillis(), this.failures);
					}
					sleep(delay);
				}
			}
		}
		catch (StoppedException ex) {
			// stop() was called while waiting
		}
		finally {
			endSession();
		}
	}

	/** The kind of a failure, or {@code null} when retrying cannot fix it. */
	private static @Nullable BayeuxErrorKind kindOf(RuntimeException ex) {
		if (ex instanceof BayeuxException bayeux) {
			return bayeux.getKind().isRetryable() ? bayeux.getKind() : null;
		}
		if (ex instanceof LoginException login) {
			return login.isRetryable() ? BayeuxErrorKind.NETWORK : null;
		}
		return BayeuxErrorKind.OTHER;
	}

	private Duration delayFor(BayeuxErrorKind kind, RuntimeException ex) {
		if (kind == BayeuxErrorKind.ORG_LIMIT) {
			return this.backOffs.max();
		}
		boolean immediate = kind == BayeuxErrorKind.UNKNOWN_CLIENT || kind == BayeuxErrorKind.SERVER_DISCONNECT
				|| kind == BayeuxErrorKind.AUTHENTICATION;
		// A session lost once is re-established at once; a failure that repeats waits, every time longer.
		Duration delay = (immediate && this.failures == 1) ? Duration.ZERO
				: BackOffs.next(this.backOff, this.backOffs.max());
		// not sooner than the reply's advice or the token endpoint's Retry-After asks, up to the maximum back-off
		Advice advice = (ex instanceof BayeuxException bayeux) ? bayeux.getAdvice() : null;
		Duration asked = (advice != null) ? advice.interval()
				: (ex instanceof LoginException login) ? login.getRetryAfter() : null;
		if (asked != null && asked.compareTo(delay) > 0) {
			return (asked.compareTo(this.backOffs.max()) < 0) ? asked : this.backOffs.max();
		}
		return delay;
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
			checkRunning();
			try {
				if (this.dispatcher.isFull()) {
					this.state.paused(true);
				}
				this.dispatcher.awaitCapacity(() -> this.stopping || this.interruptCause != null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StoppedException();
			}
			finally {
				this.state.paused(false);
			}
			checkRunning();
			ConnectResult result = await(session.connect(first, this.settings.longPollTimeoutMargin()));
			result.messages().forEach(this.messageSink);
			dispatch(result.events());
			BayeuxException failure = result.failure();
			if (failure != null) {
				if (!retryOnSameSession(failure, ++sameSessionRetries)) {
					throw failure;
				}
				first = true; // answered at once: tells quickly whether the session is back
				continue;
			}
			sameSessionRetries = 0;
			this.state.pollWindow(session.advice().timeout().plus(this.settings.longPollTimeoutMargin()));
			this.state.connectSucceeded();
			if (first) {
				first = false;
				this.state.set(ClientState.CONNECTED);
				logger.info("Connected: polling {} channel(s)", this.channels.size());
				this.listener.connected();
			}
			else {
				// a held connect came back fine: the session is healthy again
				this.failures = 0;
				this.backOff = this.backOffs.start();
			}
			if (!result.advice().interval().isZero()) {
				sleep(result.advice().interval());
			}
		}
	}

	/**
	 * Whether a failed connect is retried on the same session, as its advice {@code retry} says, rather than
	 * with a new handshake. Only for {@code 503::Server is too busy} in a connect reply: the server itself
	 * answered, delivered nothing it did not send us, and keeps queueing the session's events, so keeping the
	 * session loses nothing and saves a handshake (the org's client count). A broken, unreadable or proxied
	 * response may have carried events, so those failures start a new session replayed from the stored ids.
	 */
	private boolean retryOnSameSession(BayeuxException failure, int attempt) {
		Advice advice = failure.getAdvice();
		if (this.stopping || failure.getKind() != BayeuxErrorKind.TOO_BUSY || attempt > MAX_SAME_SESSION_RETRIES
				|| (advice != null && !Advice.RETRY.equals(advice.reconnect()))) {
			return false;
		}
		boolean wasConnected = this.state.get() == ClientState.CONNECTED;
		this.failures++;
		this.state.lastError(failure);
		if (wasConnected) {
			this.listener.disconnected(String.valueOf(failure.getMessage()));
		}
		Duration delay = delayFor(failure.getKind(), failure);
		this.listener.reconnecting(failure.getKind().cause());
		this.state.set(ClientState.RECONNECTING);
		logger.info("Connect failed: {}; connecting again on the same session in {} ms (attempt {})",
				failure.getMessage(), delay.toMillis(), attempt);
		sleep(delay);
		return true;
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
		synchronized (this.sessionLock) {
			this.interruptCause = null;
			this.interrupt = Sinks.empty();
			this.session = session;
			this.lastSession = session;
			this.generation = generations.incrementAndGet();
			for (ChannelSubscription subscription : this.channels.values()) {
				if (subscription.sessionStarted() && subscription.markSent(this.generation)) {
					sendSubscribe(session, this.generation, subscription, null);
				}
			}
		}
	}

	private void endSession() {
		synchronized (this.sessionLock) {
			this.session = null;
			this.generation = -1;
			this.interruptCause = null;
			this.interrupt = Sinks.empty();
		}
	}

	/** Sends the subscription now if a session is up; otherwise the next handshake sends it. */
	void subscribe(ChannelSubscription subscription) {
		synchronized (this.sessionLock) {
			BayeuxSession session = this.session;
			if (session != null && subscription.state() == ChannelSubscription.State.PENDING
					&& subscription.markSent(this.generation)) {
				sendSubscribe(session, this.generation, subscription, null);
			}
		}
	}

	/**
	 * Sends an unsubscription if a session is up.
	 * @return its outcome
	 */
	Mono<Void> unsubscribe(String channel) {
		synchronized (this.sessionLock) {
			BayeuxSession session = this.session;
			return (session != null) ? unsubscribe(session, this.generation, channel) : Mono.empty();
		}
	}

	private Mono<Void> unsubscribe(BayeuxSession session, long generation, String channel) {
		Mono<Void> outcome = session.unsubscribe(channel, this::dispatchReplies).onErrorResume((ex) -> {
			if (ex instanceof BayeuxException bayeux && bayeux.getKind() != BayeuxErrorKind.CONFIGURATION) {
				// the session is gone or failing; a new one will not subscribe the channel again
				logger.debug("Unsubscribe from {} failed ({}); the channel is not subscribed again", channel,
						ex.getMessage());
				return Mono.empty();
			}
			return Mono.error(ex);
		}).doOnSuccess((done) -> logger.info("Unsubscribed from {}", channel)).cache();
		// a subscribe to the same channel in the same session made meanwhile waits for this one, see sendSubscribe
		Unsubscribing entry = new Unsubscribing(generation, outcome);
		this.unsubscribing.put(channel, entry);
		outcome.doFinally((signal) -> this.unsubscribing.remove(channel, entry)).subscribe(null, (ex) -> {
			// reported to the caller through the returned Mono
		});
		return outcome;
	}

	/** Runs an action under the lock that orders subscribes and unsubscribes. */
	<T> T withSessionLock(Supplier<T> action) {
		synchronized (this.sessionLock) {
			return action.get();
		}
	}

	/** An unsubscribe in flight, with the session it was sent in. */
	private record Unsubscribing(long generation, Mono<Void> outcome) {
	}

	private void sendSubscribe(BayeuxSession session, long generation, ChannelSubscription subscription,
			@Nullable ReplayPosition forced) {
		ReplayPosition from = (forced != null) ? forced : position(subscription);
		Mono<Void> request = session.subscribe(subscription.channel(), from.value(), this::dispatchReplies);
		Unsubscribing unsubscribing = this.unsubscribing.get(subscription.channel());
		if (unsubscribing != null && unsubscribing.generation() == generation) {
			// Unsubscribe and subscribe travel on separate connections: a subscribe that overtook the unsubscribe
			// would be answered "already subscribed" and then undone by it, leaving the channel silently dead.
			request = unsubscribing.outcome().onErrorResume((ex) -> Mono.empty()).then(request);
		}
		request.thenReturn(Boolean.TRUE) // a value, so that completing because of a stop is not taken for success
			.takeUntilOther(this.stopSignal.asMono())
			.subscribe((confirmed) -> subscribed(session, generation, subscription, from),
					(ex) -> subscribeFailed(session, generation, subscription, from, ex));
	}

	/**
	 * Where a subscription starts: after the last handled event; else after the last event received (the ones
	 * received and not yet handled are in the buffer); else the fallback of a rejected id; else the default.
	 */
	private ReplayPosition position(ChannelSubscription subscription) {
		String channel = subscription.channel();
		return this.settings.replayStore()
			.lastReplayId(channel)
			.or(() -> Optional.ofNullable(this.dispatcher.lastAccepted(channel)).map(ReplayPosition::after))
			.or(() -> Optional.ofNullable(subscription.override()))
			.orElse(this.settings.defaultReplay());
	}

	private boolean isCurrent(long generation, ChannelSubscription subscription) {
		return !this.stopping && generation == this.generation
				&& this.channels.get(subscription.channel()) == subscription;
	}

	private void subscribed(BayeuxSession session, long generation, ChannelSubscription subscription,
			ReplayPosition from) {
		String channel = subscription.channel();
		synchronized (this.sessionLock) {
			if (!isCurrent(generation, subscription)) {
				if (!this.stopping && generation == this.generation && this.channels.get(channel) == null) {
					// unsubscribed while this subscribe was in flight: the unsubscribe may have overtaken it, and the
					// server would go on delivering (and counting) events nobody wants; registered like any
					// unsubscribe, so that a new subscribe of the channel waits for it
					unsubscribe(session, generation, channel).subscribe(null,
							(ex) -> logger.debug("Unsubscribe from {} failed: {}", channel, ex.getMessage()));
				}
				return;
			}
		}
		this.subscribedChannels.add(channel);
		logger.info("Subscribed to {} from {}", channel, from);
		this.listener.subscribed(channel, from);
		synchronized (this.sessionLock) {
			// checked again under the lock: a new session may have begun meanwhile and must answer for itself
			if (isCurrent(generation, subscription)) {
				subscription.subscribed(generation);
			}
		}
	}

	private void subscribeFailed(BayeuxSession session, long generation, ChannelSubscription subscription,
			ReplayPosition from, Throwable ex) {
		if (!isCurrent(generation, subscription)) {
			return;
		}
		String channel = subscription.channel();
		BayeuxException bayeux = (ex instanceof BayeuxException b) ? b
				: new BayeuxException(BayeuxErrorKind.OTHER, String.valueOf(ex.getMessage()), null, null, ex);
		switch (subscribeErrorKind(bayeux)) {
			case INVALID_REPLAY_ID -> invalidReplayId(session, generation, subscription, from, bayeux);
			case CONFIGURATION -> {
				if (bayeux.getBayeuxError() == null) {
					// not Salesforce's refusal but the connection's (a certificate, a proxy): a matter of the session
					interruptSession(generation, bayeux);
					return;
				}
				SubscriptionException failure = new SubscriptionException(channel, bayeux.getBayeuxError(),
						"Salesforce refused the subscription to " + channel + ": " + bayeux.getBayeuxError()
								+ "; check the channel name and the user's permissions");
				logger.error(failure.getMessage());
				this.listener.subscriptionFailed(channel, failure);
				subscription.failed(failure);
			}
			case UNKNOWN_CLIENT, AUTHENTICATION, SERVER_DISCONNECT -> interruptSession(generation, bayeux);
			default -> retrySubscribe(session, generation, subscription, bayeux);
		}
	}

	/**
	 * A refused subscription whose error is not one of the known retryable ones but a client error
	 * ({@code 400::Query fields ... do not exist}, {@code 403::...}, {@code 404::...}) will not succeed on retry:
	 * it fails the channel rather than being retried for ever.
	 */
	private static BayeuxErrorKind subscribeErrorKind(BayeuxException ex) {
		String error = ex.getBayeuxError();
		if (ex.getKind() == BayeuxErrorKind.OTHER && error != null && error.matches("40[034]:.*")
				&& !error.toLowerCase(Locale.ROOT).contains("cookie")) {
			return BayeuxErrorKind.CONFIGURATION;
		}
		return ex.getKind();
	}

	private void invalidReplayId(BayeuxSession session, long generation, ChannelSubscription subscription,
			ReplayPosition from, BayeuxException ex) {
		String channel = subscription.channel();
		InvalidReplayIdPolicy policy = this.settings.invalidReplayIdPolicy();
		if (policy == InvalidReplayIdPolicy.FAIL || from.isPreset()) {
			InvalidReplayIdException failure = new InvalidReplayIdException(channel, from.value(),
					String.valueOf(ex.getBayeuxError()));
			logger.warn("Salesforce rejected replay id {} of {} ({}); policy FAIL: the channel is not subscribed",
					from.value(), channel, ex.getBayeuxError());
			this.listener.replayIdInvalid(channel, from.value(), null);
			this.listener.subscriptionFailed(channel, failure);
			subscription.failed(failure);
			return;
		}
		ReplayPosition fallback = (policy == InvalidReplayIdPolicy.NEW_EVENTS) ? ReplayPosition.NEW_EVENTS
				: ReplayPosition.ALL_EVENTS;
		logger.warn("Salesforce rejected replay id {} of {} ({}); subscribing from {} instead", from.value(),
				channel, ex.getBayeuxError(), fallback);
		this.settings.replayStore().reset(channel);
		subscription.override(fallback);
		this.listener.replayIdInvalid(channel, from.value(), fallback);
		sendSubscribe(session, generation, subscription, fallback);
	}

	private void retrySubscribe(BayeuxSession session, long generation, ChannelSubscription subscription,
			BayeuxException ex) {
		BackOffExecution execution = subscription.retryBackOff();
		if (execution == null) {
			execution = this.backOffs.start();
			subscription.retryBackOff(execution);
		}
		Duration delay = (ex.getKind() == BayeuxErrorKind.ORG_LIMIT) ? this.backOffs.max()
				: BackOffs.next(execution, this.backOffs.max());
		logger.info("Subscribe to {} failed ({}); retrying in {} ms", subscription.channel(), ex.getMessage(),
				delay.toMillis());
		Mono.delay(delay).takeUntilOther(this.stopSignal.asMono()).subscribe((tick) -> {
			synchronized (this.sessionLock) {
				if (isCurrent(generation, subscription)
						&& subscription.state() == ChannelSubscription.State.PENDING) {
					// the replay store decides, as for any subscribe: it may have moved on since a rejected id
					sendSubscribe(session, generation, subscription, null);
				}
			}
		});
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

	private void dispatchReplies(List<JsonNode> replies) {
		replies.forEach(this.messageSink);
		dispatch(replies.stream().filter((m) -> !Bayeux.isMeta(Bayeux.channel(m)) && m.has("data")).toList());
	}

	private void dispatch(List<JsonNode> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<Received> received = new ArrayList<>(messages.size());
		for (JsonNode message : messages) {
			String channel = Bayeux.channel(message);
			ChannelSubscription subscription = lookup(channel);
			if (subscription == null) {
				if (!this.subscribedChannels.contains(channel) && this.droppedChannels.add(channel)) {
					// once per channel: events in flight after an unsubscribe are normal, a server delivering on a
					// channel name we do not expect is not, and must not go unnoticed
					logger.warn("Dropped an event of {}, which is not subscribed (further ones are logged at DEBUG)",
							channel);
				}
				else {
					logger.debug("Dropped an event of {}, which is not subscribed", channel);
				}
				continue;
			}
			received.add(new Received(subscription, this.parser.parse(subscription.channel(), message.path("data"))));
		}
		// within one response, replay-id order (channels are independent, so sorting across them is harmless);
		// the ids are read once, when parsing, not on every comparison
		received.sort(Comparator.comparingLong((item) -> item.event().replayId()));
		// one response at a time, so that a channel's events are queued in the order they were received
		synchronized (this.dispatchLock) {
			for (Received item : received) {
				StreamingEvent event = item.event();
				this.listener.eventReceived(event.channel(), event.replayId());
				this.dispatcher.offer(event, item.subscription().handler());
			}
		}
	}

	/** An event parsed from a response, with the subscription it belongs to. */
	private record Received(ChannelSubscription subscription, StreamingEvent event) {
	}

	private @Nullable ChannelSubscription lookup(String channel) {
		ChannelSubscription subscription = this.channels.get(channel);
		if (subscription == null) {
			// a PushTopic subscribed with filters (/topic/X?Field=value) may deliver on /topic/X
			subscription = this.channels.values()
				.stream()
				.filter((candidate) -> candidate.channel().startsWith(channel + "?"))
				.findFirst()
				.orElse(null);
		}
		return subscription;
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
