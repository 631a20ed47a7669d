package io.github.sfstreaming.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.github.sfstreaming.replay.ReplayPosition;

/**
 * One channel the caller wants subscribed: its handler, its state in the current session and the outcome of
 * the subscribe request in progress. Guarded by its own monitor.
 */
final class ChannelSubscription {

	enum State {

		/** Waiting for a session, or for Salesforce's answer. */
		PENDING,

		/** Confirmed by Salesforce in the session of {@link #generation}. */
		SUBSCRIBED,

		/** Refused for a reason retrying cannot fix. */
		FAILED

	}

	private final String channel;

	private volatile @Nullable EventHandler handler;

	private State state = State.PENDING;

	private long generation = -1;

	private long sentGeneration = -1;

	private @Nullable Throwable error;

	private Sinks.One<Void> outcome = Sinks.one();

	/** Unsubscribed, or the client stopped or gave up: nobody will answer the request in progress. */
	private boolean abandoned;

	private @Nullable ReplayPosition override;

	private @Nullable BackOffExecution retryBackOff;

	private volatile @Nullable Instant notBefore;

	ChannelSubscription(String channel, @Nullable EventHandler handler) {
		this.channel = channel;
		this.handler = handler;
	}

	String channel() {
		return this.channel;
	}

	@Nullable EventHandler handler() {
		return this.handler;
	}

	void handler(@Nullable EventHandler handler) {
		this.handler = handler;
	}

	synchronized State state() {
		return this.state;
	}

	synchronized @Nullable Throwable error() {
		return this.error;
	}

	synchronized boolean isSubscribedIn(long generation) {
		return this.state == State.SUBSCRIBED && this.generation == generation;
	}

	/** The outcome of the current request, cached. */
	synchronized Mono<Void> outcome() {
		return this.outcome.asMono();
	}

	/** Gives a subscription abandoned by a stop a new outcome, when the caller subscribes it again. */
	synchronized void renewIfAbandoned() {
		if (this.abandoned && this.state != State.FAILED) {
			this.outcome = Sinks.one();
			this.abandoned = false;
		}
	}

	/** Starts over after a failure, when the caller subscribes again; returns whether it was failed. */
	synchronized boolean restartIfFailed() {
		if (this.state != State.FAILED) {
			return false;
		}
		this.state = State.PENDING;
		this.error = null;
		this.outcome = Sinks.one();
		this.override = null;
		this.retryBackOff = null;
		this.sentGeneration = -1;
		this.abandoned = false;
		return true;
	}

	/** A new session began: the subscription must be sent again. Returns whether it should be. */
	synchronized boolean sessionStarted() {
		if (this.state == State.FAILED) {
			return false;
		}
		this.state = State.PENDING;
		this.retryBackOff = null;
		if (this.abandoned) {
			// the client was stopped and started again: the caller may wait for this session's answer
			this.outcome = Sinks.one();
			this.abandoned = false;
		}
		return true;
	}

	/** Records that the subscription was sent in a session; false if it already was. */
	synchronized boolean markSent(long generation) {
		if (this.sentGeneration == generation) {
			return false;
		}
		this.sentGeneration = generation;
		return true;
	}

	/**
	 * A subscribe could not be sent and is retried (the replay store failed, for example): the channel stays
	 * pending and reports the error until it is subscribed.
	 */
	synchronized void retrying(Throwable error) {
		this.error = error;
	}

	/**
	 * Events created before this time are skipped: the subscription replays the retained events of a channel
	 * that was started from new events at that time and has had none handled since (see
	 * {@code ReplayStore.startOf}); {@code null} when every event counts.
	 */
	@Nullable Instant notBefore() {
		return this.notBefore;
	}

	void notBefore(@Nullable Instant time) {
		this.notBefore = time;
	}

	synchronized void subscribed(long generation) {
		this.state = State.SUBSCRIBED;
		this.generation = generation;
		this.error = null;
		this.retryBackOff = null;
		this.outcome.tryEmitEmpty();
		notifyAll();
	}

	synchronized void failed(Throwable error) {
		this.state = State.FAILED;
		this.error = error;
		this.outcome.tryEmitError(error);
		notifyAll();
	}

	/** Ends the pending request's outcome when the channel is unsubscribed or the client stops. */
	synchronized void abandon(Throwable error) {
		this.abandoned = true;
		this.outcome.tryEmitError(error);
		notifyAll();
	}

	/**
	 * Waits until Salesforce has answered this channel's subscription in the current session (confirmed or
	 * refused), or the subscription was abandoned.
	 * @param deadline the {@link System#nanoTime()} to give up at
	 * @return whether it was answered before the deadline
	 */
	synchronized boolean awaitAnswered(long deadline) throws InterruptedException {
		while (this.state == State.PENDING && !this.abandoned) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
		return true;
	}

	/** Where the next subscribe must start instead of the replay store's position (after a rejected id). */
	synchronized @Nullable ReplayPosition override() {
		return this.override;
	}

	synchronized void override(@Nullable ReplayPosition position) {
		this.override = position;
	}

	synchronized @Nullable BackOffExecution retryBackOff() {
		return this.retryBackOff;
	}

	synchronized void retryBackOff(BackOffExecution backOff) {
		this.retryBackOff = backOff;
	}

}
