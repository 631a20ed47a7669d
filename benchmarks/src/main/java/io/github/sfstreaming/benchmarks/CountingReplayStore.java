package io.github.sfstreaming.benchmarks;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * A {@link ReplayStore} that counts the writes it passes on to another store.
 */
final class CountingReplayStore implements ReplayStore {

	private final ReplayStore delegate;

	private final LongAdder writes = new LongAdder();

	CountingReplayStore(ReplayStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public void store(String channel, long replayId, @Nullable Instant eventTime) {
		this.writes.increment();
		this.delegate.store(channel, replayId, eventTime);
	}

	@Override
	public Optional<ReplayPosition> lastReplayId(String channel) {
		return this.delegate.lastReplayId(channel);
	}

	@Override
	public void reset(String channel) {
		this.delegate.reset(channel);
	}

	long writes() {
		return this.writes.sum();
	}

}
