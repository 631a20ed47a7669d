package io.github.sfstreaming.benchmarks.cold;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The table of one cold-drain scenario: medians of the runs, and ratios against the reference subject ((d) unless
 * told) taken run by run (the runs of one repetition are neighbours in time) before their median.
 */
final class ColdTable {

	private final Map<Character, List<ColdRun>> runs;

	private final Map<Character, String> descriptions;

	private final int events;

	private final char reference;

	ColdTable(Map<Character, List<ColdRun>> runs, Map<Character, String> descriptions, int events, char reference) {
		this.runs = runs;
		this.descriptions = descriptions;
		this.events = events;
		this.reference = reference;
	}

	void print(PrintStream out) {
		out.println();
		String times = "× (" + this.reference + ")";
		out.println("| | subject | events/s, subscribe to last | " + times + " | runs, k events/s | launch to last, s | "
				+ "CPU, s | " + times + " | CPU subscribe to last, s | " + times
				+ " | max RSS, MB | DB writes / event | last id stored after stop |");
		out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
		List<ColdRun> reference = this.runs.getOrDefault(this.reference, List.of());
		for (Map.Entry<Character, List<ColdRun>> entry : this.runs.entrySet()) {
			List<ColdRun> ok = entry.getValue().stream().filter(ColdRun::ok).toList();
			StringBuilder perRun = new StringBuilder();
			for (ColdRun run : entry.getValue()) {
				perRun.append(perRun.isEmpty() ? "" : " ")
					.append(run.ok() ? String.format("%.1f", run.eventsPerSecond() / 1000) : "failed");
			}
			long stored = ok.stream().filter((run) -> Boolean.TRUE.equals(run.stored())).count();
			boolean storeChecked = ok.stream().anyMatch((run) -> run.stored() != null);
			out.printf("| (%c) | %s | %,.0f | %s | %s | %.2f | %.1f | %s | %.2f | %s | %.0f | %s | %s |%n", entry.getKey(),
					this.descriptions.get(entry.getKey()), median(ok, ColdRun::eventsPerSecond),
					ratio(entry.getValue(), reference, ColdRun::eventsPerSecond), perRun,
					median(ok, ColdRun::launchToLastSeconds), median(ok, ColdRun::cpuSeconds),
					ratio(entry.getValue(), reference, ColdRun::cpuSeconds), median(ok, ColdRun::drainCpuSeconds),
					ratio(entry.getValue(), reference, ColdRun::drainCpuSeconds), median(ok, ColdRun::maxRssMb),
					ok.isEmpty() || ok.get(0).dbWrites() < 0 ? "none (memory)"
							: String.format("%.5f", median(ok, (run) -> run.dbWrites()) / this.events),
					storeChecked ? stored + "/" + ok.size() : "–");
		}
	}

	private static String ratio(List<ColdRun> runs, List<ColdRun> reference, ToDoubleFunction<ColdRun> figure) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(runs.size(), reference.size()); i++) {
			if (runs.get(i).ok() && reference.get(i).ok()) {
				ratios.add(figure.applyAsDouble(runs.get(i)) / figure.applyAsDouble(reference.get(i)));
			}
		}
		if (ratios.isEmpty()) {
			return "–";
		}
		ratios.sort(null);
		int n = ratios.size();
		double median = (n % 2 == 1) ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
		return String.format("%.2f", median);
	}

	private static double median(List<ColdRun> runs, ToDoubleFunction<ColdRun> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

}
