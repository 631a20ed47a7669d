package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of the soak test's handler: for a while, some events fail (each at most twice, so that no event
 * fails for ever), or every event is slow. Whether an event fails depends only on the seed, the channel, the
 * replay id and the attempt, not on which thread asks or when, so that a seed fails the same events whenever
 * they arrive inside a failure window.
 */
final class HandlerFaults {

	/** Deliveries of one event that may fail; the next one always succeeds. */
	static final int MAX_FAILURES_PER_EVENT = 2;

	private final long seed;

	private volatile long failUntil;

	private volatile int failPerMille;

	private volatile long slowUntil;

	private volatile int slowMillis;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong slowed = new AtomicLong();

	HandlerFaults(long seed) {
		this.seed = seed;
		long now = System.nanoTime();
		this.failUntil = now;
		this.slowUntil = now;
	}

	/** From now on, for {@code duration}, fails about {@code perMille} in a thousand deliveries. */
	void failFor(Duration duration, int perMille) {
		this.failPerMille = perMille;
		this.failUntil = System.nanoTime() + duration.toNanos();
	}

	/** From now on, for {@code duration}, takes {@code millis} over every event. */
	void slowFor(Duration duration, int millis) {
		this.slowMillis = millis;
		this.slowUntil = System.nanoTime() + duration.toNanos();
	}

	/** Ends every fault window. */
	void clear() {
		long now = System.nanoTime();
		this.failUntil = now;
		this.slowUntil = now;
	}

	/**
	 * Applies the faults in force to one delivery.
	 * @param attempt how many times the event was delivered before
	 * @throws InjectedHandlerFailure when this delivery must fail
	 */
	void beforeHandling(String channel, long replayId, int attempt) throws InterruptedException {
		long now = System.nanoTime();
		if (this.slowUntil - now > 0) {
			this.slowed.incrementAndGet();
			// the handler's work, not synchronisation
			Thread.sleep(this.slowMillis);
		}
		if (this.failUntil - now > 0 && attempt < MAX_FAILURES_PER_EVENT
				&& Math.floorMod(mix(this.seed, channel.hashCode(), replayId, attempt), 1000) < this.failPerMille) {
			this.failures.incrementAndGet();
			throw new InjectedHandlerFailure(channel, replayId);
		}
	}

	long failures() {
		return this.failures.get();
	}

	long slowed() {
		return this.slowed.get();
	}

	private static long mix(long seed, int channel, long replayId, int attempt) {
		long h = seed ^ (channel * 0x9E3779B97F4A7C15L) ^ (replayId * 0xBF58476D1CE4E5B9L)
				^ (attempt * 0x94D049BB133111EBL);
		// SplitMix64's finaliser: nearby inputs give unrelated outputs
		h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
		h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
		return h ^ (h >>> 31);
	}

	/** The failure a handler throws on purpose; without a stack trace, since the client logs it. */
	static final class InjectedHandlerFailure extends RuntimeException {

		InjectedHandlerFailure(String channel, long replayId) {
			super("soak: injected handler failure on event " + replayId + " of " + channel, null, false, false);
		}

	}

}
