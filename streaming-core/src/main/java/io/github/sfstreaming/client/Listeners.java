package io.github.sfstreaming.client;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.replay.ReplayPosition;

/**
 * Calls every registered {@link StreamingClientListener}, so that a failing listener neither stops the others
 * nor the client.
 */
final class Listeners implements StreamingClientListener {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<StreamingClientListener> listeners;

	Listeners(List<StreamingClientListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	private void each(Consumer<StreamingClientListener> call) {
		for (StreamingClientListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("StreamingClientListener {} failed", listener, ex);
			}
		}
	}

	@Override
	public void connected() {
		each(StreamingClientListener::connected);
	}

	@Override
	public void disconnected(String reason) {
		each((l) -> l.disconnected(reason));
	}

	@Override
	public void subscribed(String channel, ReplayPosition from) {
		each((l) -> l.subscribed(channel, from));
	}

	@Override
	public void subscriptionFailed(String channel, Throwable error) {
		each((l) -> l.subscriptionFailed(channel, error));
	}

	@Override
	public void replayIdInvalid(String channel, long rejected, @Nullable ReplayPosition fallback) {
		each((l) -> l.replayIdInvalid(channel, rejected, fallback));
	}

	@Override
	public void reconnecting(String cause) {
		each((l) -> l.reconnecting(cause));
	}

	@Override
	public void eventReceived(String channel, long replayId) {
		each((l) -> l.eventReceived(channel, replayId));
	}

	@Override
	public void replayIdStored(String channel, long replayId) {
		each((l) -> l.replayIdStored(channel, replayId));
	}

	@Override
	public void keepAliveReceived(String channel) {
		each((l) -> l.keepAliveReceived(channel));
	}

	@Override
	public void eventMalformed(String channel, JsonNode message, String problem) {
		each((l) -> l.eventMalformed(channel, message, problem));
	}

}
