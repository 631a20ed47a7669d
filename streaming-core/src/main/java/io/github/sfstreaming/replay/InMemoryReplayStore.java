package io.github.sfstreaming.replay;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplayStore} in memory: it survives reconnects but not a restart of the application. Use a
 * persistent store in production, so that a restart resumes where it stopped.
 */
public final class InMemoryReplayStore implements ReplayStore {

	private final Map<String, Long> replayIds = new ConcurrentHashMap<>();

	private final Map<String, ReplayPosition> opaqueIds = new ConcurrentHashMap<>();

	private final Map<String, Instant> starts = new ConcurrentHashMap<>();

	@Override
	public void store(String channel, long replayId, @Nullable Instant eventTime) {
		if (replayId < 0) {
			throw new IllegalArgumentException("replayId must be >= 0, was " + replayId);
		}
		// merge with max: concurrent or late writes never move a channel backwards
		this.replayIds.merge(channel, replayId, Math::max);
		this.starts.remove(channel);
	}

	@Override
	public Set<ReplayIdFormat> formats() {
		return EnumSet.allOf(ReplayIdFormat.class);
	}

	@Override
	public void store(String channel, ReplayPosition replayId, @Nullable Instant eventTime) {
		if (!replayId.isOpaque()) {
			ReplayStore.super.store(channel, replayId, eventTime);
			return;
		}
		this.opaqueIds.put(channel, replayId);
		this.starts.remove(channel);
	}

	@Override
	public Optional<ReplayPosition> lastReplayId(String channel, ReplayIdFormat format) {
		return (format == ReplayIdFormat.OPAQUE) ? Optional.ofNullable(this.opaqueIds.get(channel))
				: lastReplayId(channel);
	}

	@Override
	public void storeStart(String channel, Instant time) {
		if (!this.replayIds.containsKey(channel) && !this.opaqueIds.containsKey(channel)) {
			this.starts.merge(channel, time, (current, candidate) -> current.isBefore(candidate) ? current : candidate);
		}
	}

	@Override
	public Optional<Instant> startOf(String channel) {
		return (this.replayIds.containsKey(channel) || this.opaqueIds.containsKey(channel)) ? Optional.empty() : Optional.ofNullable(this.starts.get(channel));
	}

	@Override
	public Optional<ReplayPosition> lastReplayId(String channel) {
		return Optional.ofNullable(this.replayIds.get(channel)).map(ReplayPosition::after);
	}

	@Override
	public void reset(String channel) {
		this.replayIds.remove(channel);
		this.opaqueIds.remove(channel);
		this.starts.remove(channel);
	}

	/** A snapshot of every stored replay id, by channel. */
	public Map<String, Long> snapshot() {
		return Map.copyOf(this.replayIds);
	}

	@Override
	public String toString() {
		return "InMemoryReplayStore" + this.replayIds;
	}

}
