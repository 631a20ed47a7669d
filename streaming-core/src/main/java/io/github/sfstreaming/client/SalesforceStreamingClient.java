package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

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
 * <p>API CONTRACT STUB: the bodies are filled in by the streaming-core issue.
 */
public final class SalesforceStreamingClient implements AutoCloseable {

	SalesforceStreamingClient(Builder builder) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/** Returns a builder. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the session in the background: login, handshake, subscriptions, polling. Returns at once;
	 * see {@link #awaitConnected(Duration)}. Does nothing if already started.
	 */
	public void start() {
		throw new UnsupportedOperationException();
	}

	/**
	 * Waits until the first handshake and connect succeed.
	 * @param timeout how long to wait
	 * @throws StreamingException the error that made the client give up (not retryable), or a retryable one
	 * that was still being retried when the timeout passed
	 */
	public void awaitConnected(Duration timeout) {
		throw new UnsupportedOperationException();
	}

	/**
	 * Stops: cancels the poll in flight, finishes the events in hand and stores their replay ids (within the
	 * shutdown timeout), sends {@code /meta/disconnect} and completes the streams. Idempotent.
	 */
	public void stop() {
		throw new UnsupportedOperationException();
	}

	/** Same as {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	/** Whether {@link #start()} was called and {@link #stop()} was not. */
	public boolean isRunning() {
		throw new UnsupportedOperationException();
	}

	/**
	 * Subscribes to a channel, now if connected or at the next handshake otherwise, from the replay store's
	 * position (or the default). Its events go to {@code handler} and to {@link #events()}. Callable from any
	 * thread, before or after {@link #start()}.
	 * @param channel the channel, for example {@code /topic/InvoiceUpdates} or {@code /event/Order__e}
	 * @param handler the channel's handler
	 * @return completes when Salesforce confirms the subscription; fails with {@link SubscriptionException}
	 */
	public Mono<Void> subscribe(String channel, EventHandler handler) {
		throw new UnsupportedOperationException();
	}

	/**
	 * Subscribes to a channel whose events go only to {@link #events()}.
	 * @param channel the channel
	 * @return completes when Salesforce confirms the subscription
	 */
	public Mono<Void> subscribe(String channel) {
		throw new UnsupportedOperationException();
	}

	/**
	 * Unsubscribes from a channel. Events of it still in hand are finished first.
	 * @param channel the channel
	 * @return completes when Salesforce confirms
	 */
	public Mono<Void> unsubscribe(String channel) {
		throw new UnsupportedOperationException();
	}

	/** Every Bayeux message received, {@code /meta/*} included, as raw JSON. A hot stream; ends on stop. */
	public Flux<JsonNode> messages() {
		throw new UnsupportedOperationException();
	}

	/**
	 * The events of every subscribed channel. An event is handled, and its replay id stored, when
	 * {@code onNext} returns for it. Ends on stop.
	 */
	public Flux<StreamingEvent> events() {
		throw new UnsupportedOperationException();
	}

	/** The session's current state. */
	public ClientState state() {
		throw new UnsupportedOperationException();
	}

	/** The error that made the client give up ({@link ClientState#FAILED}), or {@code null}. */
	public @Nullable Throwable failure() {
		throw new UnsupportedOperationException();
	}

	/** When the last {@code /meta/connect} succeeded, or {@code null}. */
	public @Nullable Instant lastConnectTime() {
		throw new UnsupportedOperationException();
	}

	/** A snapshot of every channel's state. */
	public List<ChannelStatus> channels() {
		throw new UnsupportedOperationException();
	}

	/**
	 * Builds a {@link SalesforceStreamingClient}. Only {@link #tokenProvider(TokenProvider)} is required.
	 */
	public static final class Builder {

		Builder() {
		}

		/** How to log in (required). */
		public Builder tokenProvider(TokenProvider tokenProvider) {
			throw new UnsupportedOperationException();
		}

		/** Salesforce API version of the {@code /cometd/<version>} endpoint; default {@code 64.0}. */
		public Builder apiVersion(String apiVersion) {
			throw new UnsupportedOperationException();
		}

		/** The WebClient builder to build the HTTP client from (customizers and observability apply). */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			throw new UnsupportedOperationException();
		}

		/** Where replay ids are kept; default an in-memory store. */
		public Builder replayStore(ReplayStore replayStore) {
			throw new UnsupportedOperationException();
		}

		/** Where a channel with nothing stored starts; default {@link ReplayPosition#NEW_EVENTS}. */
		public Builder defaultReplay(ReplayPosition position) {
			throw new UnsupportedOperationException();
		}

		/** What to do when Salesforce rejects a stored replay id; default {@link InvalidReplayIdPolicy#ALL_EVENTS}. */
		public Builder invalidReplayIdPolicy(InvalidReplayIdPolicy policy) {
			throw new UnsupportedOperationException();
		}

		/** Back-off between reconnect attempts, exponential with jitter; default 1 s to 2 min. */
		public Builder backoff(Duration initial, Duration max) {
			throw new UnsupportedOperationException();
		}

		/** Added to the server's long-poll timeout to get the HTTP response timeout; default 15 s. */
		public Builder longPollTimeoutMargin(Duration margin) {
			throw new UnsupportedOperationException();
		}

		/** Largest server response accepted, in bytes; default 10 MiB. */
		public Builder maxMessageSize(int bytes) {
			throw new UnsupportedOperationException();
		}

		/** How many events may wait for their handlers, all channels together, before polling pauses; default 1000. */
		public Builder bufferSize(int events) {
			throw new UnsupportedOperationException();
		}

		/** How many channels are handled in parallel; default 4. */
		public Builder handlerConcurrency(int threads) {
			throw new UnsupportedOperationException();
		}

		/** How long {@link SalesforceStreamingClient#stop()} waits for events in hand; default 30 s. */
		public Builder shutdownTimeout(Duration timeout) {
			throw new UnsupportedOperationException();
		}

		/** Adds a listener of session callbacks. */
		public Builder listener(StreamingClientListener listener) {
			throw new UnsupportedOperationException();
		}

		/** Builds the client; nothing connects until {@link SalesforceStreamingClient#start()}. */
		public SalesforceStreamingClient build() {
			return new SalesforceStreamingClient(this);
		}

	}

}
