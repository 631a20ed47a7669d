package io.github.sfstreaming.benchmarks;

import java.time.Duration;

/**
 * What one run does, from system properties ({@code -Dbench.events=...}) or their environment variables
 * ({@code BENCH_EVENTS=...}).
 *
 * @param events events per full-speed round (spread over the channels of the scenario)
 * @param fixedRate events per second of the fixed-rate rounds
 * @param fixedEvents events per fixed-rate round
 * @param rounds measured full-speed rounds per configuration and scenario
 * @param fixedRounds measured fixed-rate rounds per configuration and scenario
 * @param warmupEvents events of the unmeasured warm-up round of each configuration and scenario
 * @param jdbcUrl the PostgreSQL database of configuration (a)
 * @param jdbcUser its user
 * @param jdbcPassword its password (empty for trust authentication)
 * @param longPollTimeout the emulator's long-poll timeout
 * @param only the configurations to run, for example {@code ad}; all when empty
 */
record BenchmarkSettings(int events, int fixedRate, int fixedEvents, int rounds, int fixedRounds, int warmupEvents,
		String jdbcUrl, String jdbcUser, String jdbcPassword, Duration longPollTimeout, String only) {

	static BenchmarkSettings fromEnvironment() {
		return new BenchmarkSettings(intValue("bench.events", 50_000), intValue("bench.fixed-rate", 2_000),
				intValue("bench.fixed-events", 1_000), intValue("bench.rounds", 6), intValue("bench.fixed-rounds", 10),
				intValue("bench.warmup-events", 20_000),
				value("bench.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"), value("bench.jdbc.user", "postgres"),
				value("bench.jdbc.password", ""), Duration.ofMillis(intValue("bench.long-poll-ms", 5_000)),
				value("bench.only", "abcd"));
	}

	boolean runs(char configuration) {
		return this.only.indexOf(configuration) >= 0;
	}

	private static int intValue(String name, int defaultValue) {
		return Integer.parseInt(value(name, Integer.toString(defaultValue)).replace("_", ""));
	}

	private static String value(String name, String defaultValue) {
		String value = System.getProperty(name);
		if (value == null) {
			value = System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_'));
		}
		return (value != null) ? value : defaultValue;
	}

	@Override
	public String toString() {
		return "events=" + this.events + ", fixedRate=" + this.fixedRate + "/s, fixedEvents=" + this.fixedEvents
				+ ", rounds=" + this.rounds + ", fixedRounds=" + this.fixedRounds + ", warmupEvents="
				+ this.warmupEvents + ", jdbcUrl=" + this.jdbcUrl + ", jdbcUser=" + this.jdbcUser + ", longPollTimeout="
				+ this.longPollTimeout.toMillis() + " ms, only=" + this.only;
	}

}
