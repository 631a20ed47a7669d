package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;
import io.github.sfstreaming.internal.bayeux.BayeuxException;
import io.github.sfstreaming.internal.bayeux.BayeuxSession;
import io.github.sfstreaming.logging.ServerText;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * Subscribes and unsubscribes the channels in the current session: decides where each subscription starts,
 * sends it, and reacts to Salesforce's answer (confirmed, refused for good, an invalid replay id, retry later).
 *
 * <p>Everything runs on one thread of its own, in the order it was asked for: the replay store's reads and
 * writes may block (a slow database), and must hold up neither the long poll nor Reactor Netty's event loop.
 * Being one thread also orders a channel's unsubscribe before a subscribe of it asked for afterwards.
 */
final class ChannelSubscriber {

	private static final Logger logger = LoggerFactory.getLogger(ChannelSubscriber.class);

	/**
	 * How long before its recorded start a channel's retained events still count, when a channel that never
	 * had an event handled is subscribed again: the start is read on the application's clock, the events' times
	 * on Salesforce's, and an event delivered although it came a moment before the first subscription is better
	 * than one lost because the clocks differ a little.
	 */
	static final Duration START_MARGIN = Duration.ofSeconds(1);

	private final ClientSettings settings;

	private final Map<String, ChannelSubscription> channels;

	private final EventDispatcher dispatcher;

	private final StreamingClientListener listener;

	private final BackOffs backOffs;

	private final SessionInterrupter interrupter;

	private final Consumer<List<JsonNode>> replies;

	private final ScheduledExecutorService executor;

	private final Scheduler scheduler;

	/** Unsubscriptions in flight, by channel; touched on the subscriber's thread only. */
	private final Map<String, Unsubscribing> unsubscribing = new HashMap<>();

	/** Channels with a retry scheduled after the replay store failed; touched on the subscriber's thread only. */
	private final Set<ChannelSubscription> storeRetries = ConcurrentHashMap.newKeySet();

	/** Channels Salesforce confirmed at least once: a late event of one of them after an unsubscribe is normal. */
	private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

	private final Sinks.Empty<Void> stopSignal = Sinks.empty();

	private volatile @Nullable Session current;

	private volatile boolean stopped;

	ChannelSubscriber(ClientSettings settings, Map<String, ChannelSubscription> channels, EventDispatcher dispatcher,
			StreamingClientListener listener, SessionInterrupter interrupter, Consumer<List<JsonNode>> replies) {
		this.settings = settings;
		this.channels = channels;
		this.dispatcher = dispatcher;
		this.listener = listener;
		this.backOffs = new BackOffs(settings.initialBackoff(), settings.maxBackoff());
		this.interrupter = interrupter;
		this.replies = replies;
		this.executor = Executors.newSingleThreadScheduledExecutor(settings.threads().named("subscriber"));
		this.scheduler = Schedulers.fromExecutorService(this.executor, "sf-streaming-subscriber");
	}

	/** Abandons the session from another thread: the poll in flight is cancelled and a new handshake made. */
	@FunctionalInterface
	interface SessionInterrupter {

		void interrupt(long generation, BayeuxException cause);

	}

	/** A handshaken session and its number. */
	private record Session(BayeuxSession session, long generation) {
	}

	/** An unsubscribe in flight, with the session it was sent in. */
	private record Unsubscribing(long generation, Mono<Void> outcome) {
	}

	/** Where a subscription starts, and the creation time before which its events are skipped, if any. */
	private record Start(ReplayPosition from, @Nullable Instant notBefore) {
	}

	/**
	 * A new session began: every channel must be subscribed again. Marks them pending at once (so that nobody
	 * takes an old confirmation for this session's), then sends them on the subscriber's thread.
	 */
	void sessionStarted(BayeuxSession session, long generation) {
		Session started = new Session(session, generation);
		this.current = started;
		List<ChannelSubscription> pending = this.channels.values()
			.stream()
			.filter(ChannelSubscription::sessionStarted)
			.toList();
		run(() -> pending.forEach((subscription) -> send(started, subscription)));
	}

	/** The session ended: answers of its requests no longer count. */
	void sessionEnded() {
		this.current = null;
	}

	/** Whether Salesforce confirmed the channel at least once. */
	boolean wasConfirmed(String channel) {
		return this.confirmed.contains(channel);
	}

	/** Subscribes a channel now if a session is up; otherwise the next session does. */
	void subscribe(ChannelSubscription subscription) {
		run(() -> {
			Session session = this.current;
			if (session != null && subscription.state() == ChannelSubscription.State.PENDING) {
				send(session, subscription);
			}
		});
	}

	/**
	 * Unsubscribes a channel if a session is up.
	 * @return its outcome
	 */
	Mono<Void> unsubscribe(String channel) {
		Sinks.One<Void> outcome = Sinks.one();
		boolean queued = run(() -> {
			Session session = this.current;
			if (session == null) {
				outcome.tryEmitEmpty();
				return;
			}
			unsubscribe(session, channel).subscribe(null, outcome::tryEmitError, outcome::tryEmitEmpty);
		});
		return queued ? outcome.asMono() : Mono.empty();
	}

	/**
	 * Stops: answers that arrive later and retries that are due are ignored, and the thread ends now (a store
	 * read that hangs is interrupted; a retry's timer does not keep the thread alive). Does not wait.
	 */
	void stop() {
		this.stopped = true;
		this.current = null;
		this.stopSignal.tryEmitEmpty();
		this.executor.shutdownNow();
	}

	private boolean run(Runnable task) {
		if (this.stopped) {
			return false;
		}
		try {
			this.executor.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Subscription task failed", ex);
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false; // stopped meanwhile
		}
	}

	private boolean isCurrent(Session session, ChannelSubscription subscription) {
		return !this.stopped && this.current == session && this.channels.get(subscription.channel()) == subscription;
	}

	/** Sends a subscription once per session, from where the replay store (or the default) says. */
	private void send(Session session, ChannelSubscription subscription) {
		if (!isCurrent(session, subscription) || this.storeRetries.contains(subscription)) {
			return;
		}
		Start start;
		try {
			start = start(subscription);
		}
		catch (RuntimeException ex) {
			storeFailed(session, subscription, ex);
			return;
		}
		if (subscription.markSent(session.generation())) {
			sendFrom(session, subscription, start);
		}
	}

	private void sendFrom(Session session, ChannelSubscription subscription, Start start) {
		String channel = subscription.channel();
		ReplayPosition from = start.from();
		subscription.notBefore(start.notBefore());
		Mono<Void> request = session.session().subscribe(channel, from.value(), this.replies);
		Unsubscribing inFlight = this.unsubscribing.get(channel);
		if (inFlight != null && inFlight.generation() == session.generation()) {
			// Unsubscribe and subscribe travel on separate connections: a subscribe that overtook the unsubscribe
			// would be answered "already subscribed" and then undone by it, leaving the channel silently dead.
			request = inFlight.outcome().onErrorResume((ex) -> Mono.empty()).then(request);
		}
		request.thenReturn(Boolean.TRUE) // a value, so that completing because of a stop is not taken for success
			.takeUntilOther(this.stopSignal.asMono())
			.publishOn(this.scheduler)
			.subscribe((done) -> subscribed(session, subscription, from),
					(ex) -> subscribeFailed(session, subscription, from, ex));
	}

	/**
	 * Where a subscription starts: after the last handled event; else after the last event received (the ones
	 * received and not yet handled are in the buffer); else, for a channel that was started from new events and
	 * has had none handled since, the retained events created since that start; else the fallback of a rejected
	 * id, or the default. A channel that starts from new events records its start first, so that what is
	 * published from now on survives a stop or a crash before anything of it was handled.
	 */
	private Start start(ChannelSubscription subscription) {
		String channel = subscription.channel();
		ReplayStore store = this.settings.replayStore();
		Optional<ReplayPosition> stored = store.lastReplayId(channel);
		if (stored.isPresent()) {
			return new Start(stored.get(), null);
		}
		Long accepted = this.dispatcher.lastAccepted(channel);
		if (accepted != null) {
			return new Start(ReplayPosition.after(accepted), null);
		}
		Optional<Instant> started = store.startOf(channel);
		if (started.isPresent()) {
			return new Start(ReplayPosition.ALL_EVENTS, started.get().minus(START_MARGIN));
		}
		ReplayPosition override = subscription.override();
		return newStart(channel, (override != null) ? override : this.settings.defaultReplay());
	}

	private Start newStart(String channel, ReplayPosition from) {
		if (from.equals(ReplayPosition.NEW_EVENTS)) {
			this.settings.replayStore().storeStart(channel, Instant.now());
		}
		return new Start(from, null);
	}

	/** The replay store failed while a subscription was prepared: the channel stays pending and is retried. */
	private void storeFailed(Session session, ChannelSubscription subscription, RuntimeException ex) {
		String channel = subscription.channel();
		StreamingException failure = new StreamingException(
				"The replay store failed while subscribing " + channel + ": " + ex.getMessage(), ex);
		subscription.retrying(failure);
		BackOffExecution execution = subscription.retryBackOff();
		if (execution == null) {
			execution = this.backOffs.start();
			subscription.retryBackOff(execution);
		}
		Duration delay = BackOffs.next(execution, this.backOffs.max());
		logger.warn("Could not subscribe {}: the replay store failed ({}); retrying in {} ms", channel,
				ex.getMessage(), delay.toMillis());
		this.storeRetries.add(subscription);
		Mono.delay(delay, this.scheduler).takeUntilOther(this.stopSignal.asMono()).subscribe((tick) -> {
			this.storeRetries.remove(subscription);
			Session now = this.current;
			if (now == session) {
				resend(session, subscription);
			}
			else if (now != null) {
				// a new session began meanwhile, and skipped the channel while this retry was due
				send(now, subscription);
			}
		});
	}

	private void subscribed(Session session, ChannelSubscription subscription, ReplayPosition from) {
		String channel = subscription.channel();
		if (!isCurrent(session, subscription)) {
			if (!this.stopped && this.current == session && this.channels.get(channel) == null) {
				// unsubscribed while this subscribe was in flight: the unsubscribe may have overtaken it, and the
				// server would go on delivering (and counting) events nobody wants; registered like any
				// unsubscribe, so that a new subscribe of the channel waits for it
				unsubscribe(session, channel).subscribe(null,
						(ex) -> logger.debug("Unsubscribe from {} failed: {}", channel, ex.getMessage()));
			}
			return;
		}
		this.confirmed.add(channel);
		logger.info("Subscribed to {} from {}", channel, from);
		this.listener.subscribed(channel, from);
		subscription.subscribed(session.generation());
	}

	private void subscribeFailed(Session session, ChannelSubscription subscription, ReplayPosition from,
			Throwable ex) {
		if (!isCurrent(session, subscription)) {
			return;
		}
		String channel = subscription.channel();
		BayeuxException bayeux = (ex instanceof BayeuxException b) ? b
				: new BayeuxException(BayeuxErrorKind.OTHER, String.valueOf(ex.getMessage()), null, null, ex);
		switch (subscribeErrorKind(bayeux)) {
			case INVALID_REPLAY_ID -> invalidReplayId(session, subscription, from, bayeux);
			case CONFIGURATION -> {
				if (bayeux.getBayeuxError() == null) {
					// not Salesforce's refusal but the connection's (a certificate, a proxy): a matter of the session
					this.interrupter.interrupt(session.generation(), bayeux);
					return;
				}
				String error = ServerText.escape(bayeux.getBayeuxError());
				SubscriptionException failure = new SubscriptionException(channel, bayeux.getBayeuxError(),
						"Salesforce refused the subscription to " + channel + ": " + error
								+ "; check the channel name and the user's permissions");
				logger.error(failure.getMessage());
				this.listener.subscriptionFailed(channel, failure);
				subscription.failed(failure);
			}
			case UNKNOWN_CLIENT, AUTHENTICATION, SERVER_DISCONNECT ->
				this.interrupter.interrupt(session.generation(), bayeux);
			default -> retry(session, subscription, bayeux);
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

	private void invalidReplayId(Session session, ChannelSubscription subscription, ReplayPosition from,
			BayeuxException ex) {
		String channel = subscription.channel();
		String error = ServerText.escape(ex.getBayeuxError());
		InvalidReplayIdPolicy policy = this.settings.invalidReplayIdPolicy();
		if (policy == InvalidReplayIdPolicy.FAIL || from.isPreset()) {
			InvalidReplayIdException failure = new InvalidReplayIdException(channel, from.value(), error);
			logger.warn("Salesforce rejected replay id {} of {} ({}); policy FAIL: the channel is not subscribed",
					from.value(), channel, error);
			this.listener.replayIdInvalid(channel, from.value(), null);
			this.listener.subscriptionFailed(channel, failure);
			subscription.failed(failure);
			return;
		}
		ReplayPosition fallback = (policy == InvalidReplayIdPolicy.NEW_EVENTS) ? ReplayPosition.NEW_EVENTS
				: ReplayPosition.ALL_EVENTS;
		logger.warn("Salesforce rejected replay id {} of {} ({}); subscribing from {} instead", from.value(),
				channel, error, fallback);
		Start start;
		try {
			this.settings.replayStore().reset(channel);
			this.dispatcher.replayReset(channel);
			start = newStart(channel, fallback);
		}
		catch (RuntimeException storeFailure) {
			// the rejected id may still be stored: the retry reads the store again and meets the same answer
			storeFailed(session, subscription, storeFailure);
			return;
		}
		subscription.override(fallback);
		this.listener.replayIdInvalid(channel, from.value(), fallback);
		sendFrom(session, subscription, start);
	}

	private void retry(Session session, ChannelSubscription subscription, BayeuxException ex) {
		BackOffExecution execution = subscription.retryBackOff();
		if (execution == null) {
			execution = this.backOffs.start();
			subscription.retryBackOff(execution);
		}
		Duration delay = (ex.getKind() == BayeuxErrorKind.ORG_LIMIT) ? this.backOffs.max()
				: BackOffs.next(execution, this.backOffs.max());
		logger.info("Subscribe to {} failed ({}); retrying in {} ms", subscription.channel(), ex.getMessage(),
				delay.toMillis());
		Mono.delay(delay, this.scheduler)
			.takeUntilOther(this.stopSignal.asMono())
			.subscribe((tick) -> resend(session, subscription));
	}

	/**
	 * Sends a subscription of this session again, after a failure, if it is still wanted and not answered. The
	 * replay store decides, as for any subscribe: it may have moved on since a rejected id.
	 */
	private void resend(Session session, ChannelSubscription subscription) {
		if (!isCurrent(session, subscription) || subscription.state() != ChannelSubscription.State.PENDING) {
			return;
		}
		Start start;
		try {
			start = start(subscription);
		}
		catch (RuntimeException ex) {
			storeFailed(session, subscription, ex);
			return;
		}
		subscription.markSent(session.generation());
		sendFrom(session, subscription, start);
	}

	private Mono<Void> unsubscribe(Session session, String channel) {
		Mono<Void> outcome = session.session()
			.unsubscribe(channel, this.replies)
			.onErrorResume((ex) -> {
				if (ex instanceof BayeuxException bayeux && bayeux.getKind() != BayeuxErrorKind.CONFIGURATION) {
					// The server may still hold the subscription (503::Server is too busy, an HTTP error): it would
					// go on sending the channel's events, and a later subscribe in this session would replay
					// nothing. A new session forgets it; it does not subscribe the channel again.
					logger.info("Unsubscribe from {} failed ({}); starting a new session, which leaves it out",
							channel, ex.getMessage());
					this.interrupter.interrupt(session.generation(), bayeux);
					return Mono.empty();
				}
				return Mono.error(ex);
			})
			.doOnSuccess((done) -> logger.info("Unsubscribed from {}", channel))
			.cache();
		// a subscribe to the same channel in the same session made meanwhile waits for this one, see sendFrom
		Unsubscribing entry = new Unsubscribing(session.generation(), outcome);
		this.unsubscribing.put(channel, entry);
		outcome.publishOn(this.scheduler)
			.doFinally((signal) -> this.unsubscribing.remove(channel, entry))
			.subscribe(null, (ex) -> {
				// reported to the caller through the returned Mono
			});
		return outcome;
	}

}
