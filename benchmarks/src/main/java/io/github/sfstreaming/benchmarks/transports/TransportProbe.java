package io.github.sfstreaming.benchmarks.transports;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The subject's side of a phase: counts the phase's events as handlers see them, keeps each measured event's
 * publish-to-handler latency, and when the last one is handled prints one {@code @@ done} line with what the JVM
 * used meanwhile. {@link System#nanoTime()} is {@code CLOCK_MONOTONIC} on Linux, one clock for every process of
 * the machine, so the driver's publish time and the handler's time compare.
 */
final class TransportProbe {

	static final String PREFIX = "@@ ";

	private final PrintStream out;

	private volatile @Nullable Phase phase;

	TransportProbe(PrintStream out) {
		this.out = out;
	}

	/** Starts counting a phase; the events of other phases are ignored from now on. */
	void begin(int id, int expected) {
		this.phase = new Phase(id, expected, Usage.now(), System.nanoTime());
	}

	/** What a handler calls with the event's payload. */
	void handled(JsonNode payload) {
		long now = System.nanoTime();
		Phase current = this.phase;
		if (current != null && payload.path("Phase__c").asInt(-1) == current.id) {
			current.handled(payload.path("Seq__c").asInt(-1), payload.path("Sent__c").asLong(0), now);
		}
	}

	void print(String line) {
		synchronized (this.out) {
			this.out.println(PREFIX + line);
			this.out.flush();
		}
	}

	private final class Phase {

		private final int id;

		private final long[] latencies;

		private final Usage atBegin;

		private final long beganNanos;

		private final AtomicInteger handled = new AtomicInteger();

		private volatile long firstNanos;

		Phase(int id, int expected, Usage atBegin, long beganNanos) {
			this.id = id;
			this.latencies = new long[expected];
			this.atBegin = atBegin;
			this.beganNanos = beganNanos;
		}

		void handled(int seq, long sentNanos, long now) {
			if (seq >= 0 && seq < this.latencies.length && sentNanos > 0) {
				this.latencies[seq] = Math.max(1, now - sentNanos);
			}
			int count = this.handled.incrementAndGet();
			if (count == 1) {
				this.firstNanos = now;
			}
			if (count == this.latencies.length) {
				Usage used = Usage.now().minus(this.atBegin);
				// every other handler's write to latencies happened before its increment, which came before ours
				long[] sorted = Arrays.stream(this.latencies).filter((latency) -> latency > 0).toArray();
				Arrays.sort(sorted);
				print("done id=" + this.id + " count=" + count + " began=" + this.beganNanos + " first="
						+ this.firstNanos + " last=" + now + " cpu=" + used.cpuNanos() + " alloc="
						+ used.allocatedBytes() + " gcs=" + used.gcCount() + " gcMs=" + used.gcMillis()
						+ " processCpu=" + Usage.now().cpuNanos() + " measured=" + sorted.length + " p50="
						+ percentile(sorted, 0.50) + " p90=" + percentile(sorted, 0.90) + " p99="
						+ percentile(sorted, 0.99) + " max=" + percentile(sorted, 1.0));
			}
		}

	}

	/** The nearest-rank percentile of sorted values, {@code -1} when there are none. */
	static long percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(fraction * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

}
