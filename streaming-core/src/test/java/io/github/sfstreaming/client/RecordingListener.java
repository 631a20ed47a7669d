package io.github.sfstreaming.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.replay.ReplayPosition;

/**
 * Records listener callbacks.
 */
class RecordingListener implements StreamingClientListener {

	final List<String> reconnects = new CopyOnWriteArrayList<>();

	final List<String> subscribed = new CopyOnWriteArrayList<>();

	final List<String> failedSubscriptions = new CopyOnWriteArrayList<>();

	final List<String> invalidReplayIds = new CopyOnWriteArrayList<>();

	final List<Long> received = new CopyOnWriteArrayList<>();

	/** The replay ids stored, in order. */
	final List<Long> stored = new CopyOnWriteArrayList<>();

	volatile int connects;

	@Override
	public void connected() {
		this.connects++;
	}

	@Override
	public void reconnecting(String cause) {
		this.reconnects.add(cause);
	}

	@Override
	public void subscribed(String channel, ReplayPosition from) {
		this.subscribed.add(channel + "@" + from.value());
	}

	@Override
	public void subscriptionFailed(String channel, Throwable error) {
		this.failedSubscriptions.add(channel);
	}

	@Override
	public void replayIdInvalid(String channel, long rejected, @Nullable ReplayPosition fallback) {
		this.invalidReplayIds.add(channel + ":" + rejected + "->" + ((fallback != null) ? fallback.value() : "fail"));
	}

	@Override
	public void eventReceived(String channel, long replayId) {
		this.received.add(replayId);
	}

	@Override
	public void replayIdStored(String channel, long replayId) {
		this.stored.add(replayId);
	}

}
