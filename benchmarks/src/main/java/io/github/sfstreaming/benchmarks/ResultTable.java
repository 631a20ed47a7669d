package io.github.sfstreaming.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;

import org.jspecify.annotations.Nullable;

/**
 * Summarizes the rounds into one Markdown table per scenario, each row with its ratio to (d), and checks the
 * targets.
 */
final class ResultTable {

	private final List<PhaseResult> results;

	private final Map<Character, String> descriptions;

	private final BenchmarkSettings settings;

	ResultTable(List<PhaseResult> results, Map<Character, String> descriptions, BenchmarkSettings settings) {
		this.results = results;
		this.descriptions = descriptions;
		this.settings = settings;
	}

	void print(PrintStream out) {
		for (Scenario scenario : Scenario.ALL) {
			out.printf("%n### %s: %d full-speed rounds of %,d events (events/s, heap, CPU: median of the rounds), "
					+ "%d fixed-rate rounds of %,d events at %,d/s (latency percentiles: all events of the rounds)%n%n",
					scenario.name(), this.settings.rounds(), this.settings.events(), this.settings.fixedRounds(),
					this.settings.fixedEvents(), this.settings.fixedRate());
			out.println("| | configuration | events/s | × (d) | rounds, k events/s | p50 / p99 ms at "
					+ String.format("%,d", this.settings.fixedRate())
					+ "/s | p99 × (d) | p50 / p99 ms at full speed | store writes / event | DB writes / event "
					+ "| heap / event | × (d) | CPU / event | × (d) |");
			out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
			Summary reference = summary(scenario, 'd');
			for (Map.Entry<Character, String> subject : this.descriptions.entrySet()) {
				Summary row = summary(scenario, subject.getKey());
				if (row == null) {
					continue;
				}
				String durable = (row.durableWritesPerEvent >= 0) ? String.format("%.5f", row.durableWritesPerEvent)
						: "none (memory)";
				out.printf("| (%s) | %s | %,.0f | %s | %s | %.2f / %.2f | %s | %.1f / %.1f | %.3f | %s | %,.0f B | %s "
						+ "| %.1f µs | %s |%n", subject.getKey(), subject.getValue(), row.eventsPerSecond,
						ratio(row, reference, Summary::eventsPerSecond), row.rounds, row.fixedP50 / 1e6,
						row.fixedP99 / 1e6, ratio(row, reference, Summary::fixedP99), row.fullP50 / 1e6,
						row.fullP99 / 1e6, row.storeWritesPerEvent, durable, row.allocatedPerEvent,
						ratio(row, reference, Summary::allocatedPerEvent), row.cpuMicrosPerEvent,
						ratio(row, reference, Summary::cpuMicrosPerEvent));
			}
		}
	}

	/** The targets of the issue, for (a) against (d). */
	void printTargets(PrintStream out, Map<Character, String> stopChecks) {
		out.println();
		out.println("Targets:");
		for (Scenario scenario : Scenario.ALL) {
			Summary a = summary(scenario, 'a');
			Summary d = summary(scenario, 'd');
			if (a == null || d == null) {
				continue;
			}
			double throughput = a.eventsPerSecond / d.eventsPerSecond;
			out.printf("- %s: throughput (a)/(d) = %.2f (target >= 1.0): %s%n", scenario.name(), throughput,
					(throughput >= 1.0) ? "met" : "MISSED");
			out.printf("- %s: p99 at %,d/s (a) %.2f ms vs (d) %.2f ms (target: not worse): %s%n", scenario.name(),
					this.settings.fixedRate(), a.fixedP99 / 1e6, d.fixedP99 / 1e6,
					(a.fixedP99 <= d.fixedP99) ? "met" : "MISSED");
			out.printf("- %s: replay-store writes per event at full speed (a): %.5f to PostgreSQL, %.3f store() calls "
					+ "(target <= 0.1): %s%n", scenario.name(), a.durableWritesPerEvent, a.storeWritesPerEvent,
					(a.durableWritesPerEvent <= 0.1) ? "met" : "MISSED");
		}
		stopChecks.forEach((key, check) -> out.printf("- clean stop (%s): %s%n", key, check));
	}

	private @Nullable Summary summary(Scenario scenario, char subject) {
		List<PhaseResult> full = rounds(scenario, subject, false);
		List<PhaseResult> fixed = rounds(scenario, subject, true);
		if (full.isEmpty()) {
			return null;
		}
		long events = full.stream().mapToLong(PhaseResult::events).sum();
		long durable = full.stream().mapToLong(PhaseResult::durableWrites).sum();
		StringBuilder rounds = new StringBuilder();
		for (PhaseResult result : full) {
			rounds.append((rounds.length() > 0) ? " " : "")
				.append(String.format("%.1f", result.eventsPerSecond() / 1000))
				.append(result.complete() ? "" : "!");
		}
		return new Summary(median(full, PhaseResult::eventsPerSecond), rounds.toString(),
				pooled(fixed, 0.50), pooled(fixed, 0.99), pooled(full, 0.50), pooled(full, 0.99),
				(double) full.stream().mapToLong(PhaseResult::storeWrites).sum() / events,
				(durable < 0) ? -1 : (double) durable / events, median(full, PhaseResult::allocatedPerEvent),
				median(full, PhaseResult::cpuMicrosPerEvent));
	}

	private List<PhaseResult> rounds(Scenario scenario, char subject, boolean fixedRate) {
		return this.results.stream()
			.filter((result) -> result.subject() == subject && result.scenario().equals(scenario.name())
					&& result.fixedRate() == fixedRate && result.round() > 0)
			.toList();
	}

	/** A percentile of the latencies of every event of the rounds together. */
	private static double pooled(List<PhaseResult> results, double fraction) {
		long[] all = results.stream().flatMapToLong((result) -> LongStream.of(result.latencies())).sorted().toArray();
		return PhaseResult.percentile(all, fraction);
	}

	private static double median(List<PhaseResult> results, ToDoubleFunction<PhaseResult> value) {
		double[] values = results.stream().mapToDouble(value).sorted().toArray();
		if (values.length == 0) {
			return 0;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private static String ratio(Summary row, @Nullable Summary reference, ToDoubleFunction<Summary> value) {
		if (reference == null || value.applyAsDouble(reference) == 0) {
			return "–";
		}
		return String.format("%.2f", value.applyAsDouble(row) / value.applyAsDouble(reference));
	}

	private record Summary(double eventsPerSecond, String rounds, double fixedP50, double fixedP99, double fullP50,
			double fullP99, double storeWritesPerEvent, double durableWritesPerEvent, double allocatedPerEvent,
			double cpuMicrosPerEvent) {

	}

}
