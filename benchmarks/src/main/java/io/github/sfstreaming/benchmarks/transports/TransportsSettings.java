package io.github.sfstreaming.benchmarks.transports;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The settings of the {@code transports} scenario, from system properties or environment variables
 * ({@code transports.backlog} or {@code TRANSPORTS_BACKLOG}).
 *
 * @param backlog retained events each fresh JVM drains first
 * @param burst events published at once into the running subject, after the drain
 * @param rates the fixed rates of the latency phases, events per second
 * @param rateSeconds how long each fixed-rate phase publishes
 * @param repetitions fresh JVMs per subject and kind
 * @param subjects the subjects, in order: {@code c} CometD, {@code p} Pub/Sub
 * @param kinds {@code event} (platform events: drain, burst, fixed rates) and {@code cdc} (change events: drain and
 * burst)
 * @param benchmarkJar this module's executable jar, which runs the subjects
 * @param timeoutSeconds how long a phase may take before the run is counted as failed
 * @param subjectJvmArgs options for the subject JVMs, none by default (as users start them); for example a flight
 * recording
 */
record TransportsSettings(int backlog, int burst, List<Integer> rates, int rateSeconds, int repetitions,
		String subjects, List<String> kinds, Path benchmarkJar, int timeoutSeconds,
		List<String> subjectJvmArgs) {

	static TransportsSettings fromEnvironment() {
		return new TransportsSettings(integer("transports.backlog", "20000"), integer("transports.burst", "20000"),
				Arrays.stream(get("transports.rates", "500,2000").split(",")).map(String::trim).map(Integer::valueOf)
					.toList(),
				integer("transports.rate-seconds", "10"), integer("transports.repetitions", "3"),
				get("transports.subjects", "cp"), List.of(get("transports.kinds", "event,cdc").split(",")),
				Path.of(get("transports.benchmark-jar", "benchmarks/target/benchmarks.jar")),
				integer("transports.timeout-s", "120"),
				Arrays.stream(get("transports.subject-jvm-args", "").split(" ")).filter((arg) -> !arg.isBlank())
					.toList());
	}

	/** Every event one subject run publishes into the emulator, which retains them all. */
	int eventsPerRun() {
		return this.backlog + this.burst + this.rates.stream().mapToInt((rate) -> rate * this.rateSeconds).sum();
	}

	private static int integer(String name, String defaultValue) {
		return Integer.parseInt(get(name, defaultValue).replace("_", ""));
	}

	private static String get(String name, String defaultValue) {
		String value = System.getProperty(name);
		if (value == null) {
			value = System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_'));
		}
		return (value != null) ? value : defaultValue;
	}

}
