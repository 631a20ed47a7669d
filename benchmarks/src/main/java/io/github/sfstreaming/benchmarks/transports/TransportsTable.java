package io.github.sfstreaming.benchmarks.transports;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of one kind of event: per figure, the median of CometD's runs and of Pub/Sub's, and Pub/Sub ÷ CometD
 * taken per repetition (the two runs of a repetition are neighbours in time, so share the machine's load) before
 * its median.
 */
final class TransportsTable {

	private final Map<Character, List<Map<String, Double>>> runs;

	TransportsTable(Map<Character, List<Map<String, Double>>> runs) {
		this.runs = runs;
	}

	void print(PrintStream out) {
		List<Map<String, Double>> cometd = this.runs.getOrDefault('c', List.of());
		List<Map<String, Double>> pubSub = this.runs.getOrDefault('p', List.of());
		List<String> figures = this.runs.values()
			.stream()
			.flatMap(List::stream)
			.filter((run) -> !run.isEmpty())
			.findFirst()
			.map((run) -> List.copyOf(run.keySet()))
			.orElse(List.of());
		out.println();
		out.printf("| figure | CometD | Pub/Sub | Pub/Sub ÷ CometD | per repetition | runs ok |%n");
		out.println("|---|--:|--:|--:|--:|--:|");
		for (String figure : figures) {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < Math.min(cometd.size(), pubSub.size()); i++) {
				Double c = cometd.get(i).get(figure);
				Double p = pubSub.get(i).get(figure);
				if (c != null && p != null && c > 0) {
					ratios.add(p / c);
				}
			}
			out.printf("| %s | %s | %s | %s | %s | %d/%d |%n", figure, format(median(values(cometd, figure))),
					format(median(values(pubSub, figure))), ratios.isEmpty() ? "–" : ratio(median(ratios)),
					ratios.stream().map(TransportsTable::ratio).collect(Collectors.joining(" ")),
					okRuns(), this.runs.values().stream().mapToInt(List::size).max().orElse(0));
		}
	}

	/** The fewest successful runs of any subject that ran. */
	private long okRuns() {
		return this.runs.values()
			.stream()
			.mapToLong((runs) -> runs.stream().filter((run) -> !run.isEmpty()).count())
			.min()
			.orElse(0);
	}

	private static List<Double> values(List<Map<String, Double>> runs, String figure) {
		return runs.stream().map((run) -> run.get(figure)).filter((value) -> value != null).toList();
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String ratio(double value) {
		return String.format("%.2f", value);
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		double magnitude = Math.abs(value);
		if (magnitude >= 1000) {
			return String.format("%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format("%.1f", value);
		}
		if (magnitude >= 0.1) {
			return String.format("%.2f", value);
		}
		return String.format("%.3f", value);
	}

}
