package io.github.sfstreaming.benchmarks.cold;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings of the cold-drain benchmark, from system properties or environment variables
 * ({@code cold.events} or {@code COLD_EVENTS}).
 *
 * @param events the backlog sizes, in events over all channels
 * @param channelCounts the channel counts (1: the sample's PushTopic; 4: the sample's four channels)
 * @param repetitions the runs of each subject per scenario
 * @param subjects the subjects to run, by key
 * @param sampleJar the sample application's executable jar
 * @param benchmarkJar this module's executable jar, which runs subjects (b), (c) and (d)
 * @param baselineSampleJar another build of the sample's jar, run as subject (e) when the subjects include it: the
 * sample before a change, in the same run
 * @param jdbcUrl the PostgreSQL database of the JDBC replay store
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param timeoutSeconds how long a run may take before it is counted as failed
 * @param sampleJvmArgs JVM options for (a), space-separated (none by default: users run the jar bare); for a
 * profile ({@code -XX:StartFlightRecording=...}) or to measure start-up flags
 * @param baselineJvmArgs JVM options for (e), likewise: with the same jar, (e) against (a) measures a flag
 * @param logDirectory where each run's standard output is copied, each line prefixed with the driver's
 * {@code nanoTime} in milliseconds, or {@code null} for none
 * @param channelNames the channels a scenario of {@code n} channels publishes on, the first {@code n} (default: the
 * sample's four, its PushTopic first; the change-event subjects (f) and (g) need {@code /data/AccountChangeEvent})
 * @param reference the subject the {@code ×} columns divide by, run by run ({@code d} unless told)
 * @param batchMaxSize {@code listener.batch.max-size} of (g), or blank for the starter's default
 * @param flushInterval {@code replay.flush-interval} of the JDBC subjects, or blank for the starter's default
 */
record ColdSettings(List<Integer> events, List<Integer> channelCounts, int repetitions, String subjects,
		Path sampleJar, Path benchmarkJar, Path baselineSampleJar, String jdbcUrl, String jdbcUser, String jdbcPassword,
		int timeoutSeconds, List<String> sampleJvmArgs, List<String> baselineJvmArgs,
		@Nullable Path logDirectory, List<String> channelNames, char reference, String batchMaxSize,
		String flushInterval) {

	static ColdSettings fromEnvironment() {
		return new ColdSettings(ints(get("cold.events", "20000,100000")), ints(get("cold.channels", "1,4")),
				Integer.parseInt(get("cold.repetitions", "3")), get("cold.subjects", "abcd"),
				Path.of(get("cold.sample-jar", "sample-app/target/sample-app.jar")),
				Path.of(get("cold.benchmark-jar", "benchmarks/target/benchmarks.jar")),
				Path.of(get("cold.baseline-sample-jar", "sample-app/target/sample-app.jar")),
				get("bench.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"), get("bench.jdbc.user", "postgres"),
				get("bench.jdbc.password", ""), Integer.parseInt(get("cold.timeout-s", "300")),
				words(get("cold.sample-jvm-args", "")), words(get("cold.baseline-jvm-args", "")),
				get("cold.log-dir", "").isBlank() ? null : Path.of(get("cold.log-dir", "")),
				words(get("cold.channel-names", "").replace(',', ' ')), get("cold.reference", "d").charAt(0),
				get("cold.batch-max-size", ""), get("cold.flush-interval", ""));
	}

	private static String get(String name, String defaultValue) {
		String value = System.getProperty(name);
		if (value == null) {
			value = System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_'));
		}
		return (value != null) ? value : defaultValue;
	}

	static List<String> words(String text) {
		return Arrays.stream(text.split(" ")).filter((word) -> !word.isBlank()).toList();
	}

	private static List<Integer> ints(String csv) {
		return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	/** Printed at the head of each run: every setting but the database password. */
	@Override
	public String toString() {
		return "ColdSettings[events=" + this.events + ", channelCounts=" + this.channelCounts + ", repetitions="
				+ this.repetitions + ", subjects=" + this.subjects + ", jdbcUrl=" + this.jdbcUrl + ", jdbcUser="
				+ this.jdbcUser + ", jdbcPassword=****, channelNames=" + this.channelNames + ", reference="
				+ this.reference + ", batchMaxSize=" + this.batchMaxSize + "]";
	}

}
