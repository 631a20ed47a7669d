package io.github.sfstreaming.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import io.github.sfstreaming.client.StreamingClientListener;

/**
 * Counts the client's writes to the replay store of the starter, whatever store the auto-configuration chose:
 * the client reports each one with {@link #replayIdStored}.
 */
final class StoreWriteCounter implements StreamingClientListener {

	private final LongAdder writes = new LongAdder();

	@Override
	public void replayIdStored(String channel, long replayId) {
		this.writes.increment();
	}

	long writes() {
		return this.writes.sum();
	}

}
