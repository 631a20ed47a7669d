package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;

import org.springframework.web.reactive.function.client.WebClient;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * The validated settings of a client, as given to its builder.
 */
record ClientSettings(TokenProvider tokenProvider, String apiVersion, WebClient.Builder webClientBuilder,
		ReplayStore replayStore, ReplayPosition defaultReplay, InvalidReplayIdPolicy invalidReplayIdPolicy,
		Duration initialBackoff, Duration maxBackoff, Duration longPollTimeoutMargin, int maxMessageSize,
		int bufferSize, int handlerConcurrency, Duration shutdownTimeout, List<StreamingClientListener> listeners,
		ClientThreads threads) {
}
