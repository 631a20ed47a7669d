package io.github.sfstreaming.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * What every configuration's handler calls, with the three numbers the benchmark put in the event's payload:
 * the phase, the event's sequence number within it, and the {@link System#nanoTime()} at which it was
 * published. Keeps one latency per event and notes when the last event of the phase was handled.
 */
final class EventProbe {

	private volatile @Nullable Phase phase;

	/**
	 * Starts a phase: the events of any other phase are ignored from now on.
	 * @param id the phase's id, as published in the payloads
	 * @param events how many events it publishes
	 * @return the phase
	 */
	Phase begin(int id, int events) {
		Phase phase = new Phase(id, events);
		this.phase = phase;
		return phase;
	}

	/**
	 * Records an event as handled now.
	 * @param phaseId the {@code p} of the payload
	 * @param seq the {@code seq} of the payload
	 * @param publishedNanos the {@code t} of the payload
	 */
	void handled(int phaseId, int seq, long publishedNanos) {
		long now = System.nanoTime();
		Phase phase = this.phase;
		if (phase != null && phase.id == phaseId) {
			phase.handled(seq, now - publishedNanos, now);
		}
	}

	/** One round's events: their latencies and the moment the last one was handled. */
	static final class Phase {

		private final int id;

		private final long[] latencies;

		private final AtomicInteger handled = new AtomicInteger();

		private final AtomicInteger duplicates = new AtomicInteger();

		private final CountDownLatch done = new CountDownLatch(1);

		private volatile long lastHandledNanos;

		Phase(int id, int events) {
			this.id = id;
			this.latencies = new long[events];
		}

		int id() {
			return this.id;
		}

		private void handled(int seq, long latency, long now) {
			if (seq < 0 || seq >= this.latencies.length) {
				return;
			}
			if (this.latencies[seq] != 0) {
				this.duplicates.incrementAndGet();
				return;
			}
			this.latencies[seq] = Math.max(1, latency);
			if (this.handled.incrementAndGet() == this.latencies.length) {
				this.lastHandledNanos = now;
				this.done.countDown();
			}
		}

		/**
		 * Waits for every event of the phase.
		 * @return whether they all came within the timeout
		 */
		boolean await(Duration timeout) throws InterruptedException {
			return this.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		int handledCount() {
			return this.handled.get();
		}

		int duplicates() {
			return this.duplicates.get();
		}

		long lastHandledNanos() {
			return this.lastHandledNanos;
		}

		/** The latencies of the handled events, sorted, in nanoseconds. */
		long[] sortedLatencies() {
			long[] sorted = Arrays.stream(this.latencies).filter((latency) -> latency > 0).toArray();
			Arrays.sort(sorted);
			return sorted;
		}

	}

}
