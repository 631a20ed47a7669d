package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * An {@link InMemoryReplayStore} (kept across restarts of the client, like a database) that can be down for a
 * while (every call throws) or slow, and that reports every call to the {@link SoakLedger} before answering:
 * a replay id stored must be handled, and so must everything before it. It also checks that the position it
 * hands the client never moves backwards, except after the client reset it (the stored id was rejected), and
 * counts stores of an id not above the stored one: the client may make them, the store ignores them.
 */
final class FaultyReplayStore implements ReplayStore {

	private final InMemoryReplayStore delegate = new InMemoryReplayStore();

	private final SoakLedger ledger;

	/** The highest position handed to the client per channel since its last reset. */
	private final Map<String, Long> handedOut = new ConcurrentHashMap<>();

	private volatile long downUntil;

	private volatile long slowUntil;

	private volatile int slowMillis;

	private final AtomicLong stores = new AtomicLong();

	private final AtomicLong notAbove = new AtomicLong();

	private final AtomicLong failedCalls = new AtomicLong();

	private final AtomicLong resets = new AtomicLong();

	FaultyReplayStore(SoakLedger ledger) {
		this.ledger = ledger;
		long now = System.nanoTime();
		this.downUntil = now;
		this.slowUntil = now;
	}

	/** From now on, for {@code duration}, every call throws: the database is down. */
	void downFor(Duration duration) {
		this.downUntil = System.nanoTime() + duration.toNanos();
	}

	/** From now on, for {@code duration}, every call takes {@code millis} more. */
	void slowFor(Duration duration, int millis) {
		this.slowMillis = millis;
		this.slowUntil = System.nanoTime() + duration.toNanos();
	}

	/** Ends every fault window. */
	void heal() {
		long now = System.nanoTime();
		this.downUntil = now;
		this.slowUntil = now;
	}

	@Override
	public void store(String channel, long replayId, @Nullable Instant eventTime) {
		// the client's decision is checked whether or not the write then succeeds
		this.ledger.storing(channel, replayId);
		fault("store");
		Long stored = this.delegate.snapshot().get(channel);
		if (stored != null && replayId <= stored) {
			this.notAbove.incrementAndGet();
		}
		this.delegate.store(channel, replayId, eventTime);
		this.stores.incrementAndGet();
	}

	@Override
	public Optional<ReplayPosition> lastReplayId(String channel) {
		fault("lastReplayId");
		// read and compared under one lock, so that two readers cannot overtake each other
		synchronized (this.handedOut) {
			Optional<ReplayPosition> position = this.delegate.lastReplayId(channel);
			position.ifPresent((found) -> {
				long highest = this.handedOut.merge(channel, found.value(), Math::max);
				if (highest != found.value()) {
					this.ledger.violation("the replay store's position of " + channel + " moved backwards, from "
							+ highest + " to " + found.value() + ", without a reset");
				}
			});
			return position;
		}
	}

	@Override
	public void storeStart(String channel, Instant time) {
		fault("storeStart");
		this.delegate.storeStart(channel, time);
	}

	@Override
	public Optional<Instant> startOf(String channel) {
		fault("startOf");
		return this.delegate.startOf(channel);
	}

	@Override
	public void reset(String channel) {
		fault("reset");
		this.ledger.resetting(channel);
		synchronized (this.handedOut) {
			this.delegate.reset(channel);
			this.handedOut.remove(channel);
		}
		this.resets.incrementAndGet();
	}

	@Override
	public void flush() {
		fault("flush");
	}

	/** What is stored for a channel, or {@code null}. */
	@Nullable Long stored(String channel) {
		return this.delegate.snapshot().get(channel);
	}

	String summary() {
		return "store: " + this.stores.get() + " writes (" + this.notAbove.get() + " not above the stored id), "
				+ this.failedCalls.get() + " calls failed, " + this.resets.get() + " resets, stored "
				+ this.delegate.snapshot();
	}

	private void fault(String call) {
		long now = System.nanoTime();
		if (this.downUntil - now > 0) {
			this.failedCalls.incrementAndGet();
			throw new IllegalStateException("soak: replay store down (" + call + ")");
		}
		if (this.slowUntil - now > 0) {
			try {
				// the database's latency, not synchronisation
				Thread.sleep(this.slowMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("soak: interrupted in a slow replay store call (" + call + ")", ex);
			}
		}
	}

}
