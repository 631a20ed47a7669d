package io.github.sfstreaming.benchmarks;

/**
 * What one round of one configuration measured.
 *
 * @param subject the configuration's key
 * @param scenario the scenario's name
 * @param fixedRate whether the events were published at the fixed rate (else at full speed)
 * @param round the round, from 1; 0 for warm-up
 * @param events events published
 * @param handled events handled within the timeout
 * @param duplicates events handled twice
 * @param nanos from the first publication to the last event handled
 * @param latencies the publish-to-handler latencies of the handled events, sorted, in nanoseconds
 * @param allocatedBytes heap allocated by the configurations' threads
 * @param cpuNanos CPU time used by the configurations' threads
 * @param emulatorCpuNanos CPU time used by the emulator and the publisher
 * @param storeWrites replay-store writes
 * @param durableWrites writes that reached the database, {@code -1} without one
 */
record PhaseResult(char subject, String scenario, boolean fixedRate, int round, int events, int handled,
		int duplicates, long nanos, long[] latencies, long allocatedBytes, long cpuNanos, long emulatorCpuNanos,
		long storeWrites, long durableWrites) {

	boolean complete() {
		return this.handled == this.events;
	}

	long p50Nanos() {
		return percentile(this.latencies, 0.50);
	}

	long p99Nanos() {
		return percentile(this.latencies, 0.99);
	}

	static long percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	double eventsPerSecond() {
		return (this.nanos > 0) ? this.handled * 1e9 / this.nanos : 0;
	}

	double allocatedPerEvent() {
		return (double) this.allocatedBytes / this.events;
	}

	double cpuMicrosPerEvent() {
		return this.cpuNanos / 1e3 / this.events;
	}

	double storeWritesPerEvent() {
		return (double) this.storeWrites / this.events;
	}

	double durableWritesPerEvent() {
		return (this.durableWrites < 0) ? -1 : (double) this.durableWrites / this.events;
	}

	@Override
	public String toString() {
		return String.format("%s %-10s %-10s round %d: %,7d/%,d events, %,9.0f ev/s, p50 %7.2f ms, p99 %7.2f ms, "
				+ "%,8.0f B/ev, %5.1f µs CPU/ev (emulator %5.1f), %.4f store writes/ev%s%s", this.subject,
				this.scenario,
				this.fixedRate ? "fixed-rate" : "full speed", this.round, this.handled, this.events, eventsPerSecond(),
				p50Nanos() / 1e6, p99Nanos() / 1e6, allocatedPerEvent(), cpuMicrosPerEvent(),
				this.emulatorCpuNanos / 1e3 / this.events, storeWritesPerEvent(),
				(this.durableWrites >= 0) ? String.format(", %.5f DB writes/ev", durableWritesPerEvent()) : "",
				(this.duplicates > 0) ? ", " + this.duplicates + " duplicates" : "");
	}

}
