package io.github.sfstreaming.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.sfstreaming.benchmarks.cold.ColdDrainMain;
import io.github.sfstreaming.benchmarks.cold.ColdSubjectMain;
import io.github.sfstreaming.benchmarks.cold.ListenerPathBenchmark;
import io.github.sfstreaming.benchmarks.transports.TransportSubjectMain;
import io.github.sfstreaming.benchmarks.transports.TransportsMain;

/**
 * Runs the benchmark and prints its table: {@code java -jar benchmarks/target/benchmarks.jar}. With the
 * argument {@code micro}, runs the decode-and-dispatch microbenchmark instead ({@link DecodeDispatchBenchmark});
 * with {@code publish}, the publishing template's throughput ({@link PublishBenchmark}); with
 * {@code profile file.jfr}, summarizes a flight recording of a run ({@link ProfileSummary}).
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/**
	 * Runs the benchmark.
	 * @param args {@code micro} for the microbenchmark, {@code profile file.jfr} for a profile summary, nothing for
	 * the end-to-end benchmark
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("micro")) {
			DecodeDispatchBenchmark.main(args);
			return;
		}
		if (args.length > 0 && args[0].equals("publish")) {
			PublishBenchmark.main(args);
			return;
		}
		if (args.length > 0 && args[0].equals("cold")) {
			ColdDrainMain.main(args);
			return;
		}
		if (args.length > 0 && args[0].equals("listener-path")) {
			ListenerPathBenchmark.main(args);
			return;
		}
		if (args.length > 4 && args[0].equals("cold-subject")) {
			ColdSubjectMain.main(args);
			return;
		}
		if (args.length > 0 && args[0].equals("transports")) {
			TransportsMain.main(args);
			return;
		}
		if (args.length > 5 && args[0].equals("transport-subject")) {
			TransportSubjectMain.main(args);
			return;
		}
		if (args.length > 1 && args[0].equals("profile")) {
			ProfileSummary.main(args);
			return;
		}
		BenchmarkSettings settings = BenchmarkSettings.fromEnvironment();
		PrintStream out = System.out;
		printMachine(out, settings);
		Instant start = Instant.now();
		BenchmarkRun run = new BenchmarkRun(settings, out);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// the driver's name keeps its allocations (the publisher's) out of the clients' figures
		Thread driver = new Thread(() -> {
			try {
				run.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "bench-driver");
		driver.start();
		driver.join();
		if (failure.get() != null) {
			throw new IllegalStateException("The benchmark failed", failure.get());
		}
		Map<Character, String> descriptions = new LinkedHashMap<>();
		descriptions.put('a', "starter, `@SalesforceListener`, JDBC store (PostgreSQL)");
		descriptions.put('b', "starter, `@SalesforceListener`, in-memory store");
		descriptions.put('c', "core client, no Spring, in-memory store");
		descriptions.put('d', "CometD `BayeuxClient` + replay extension (EMP-Connector style)");
		descriptions.keySet().removeIf((key) -> !settings.runs(key));
		ResultTable table = new ResultTable(run.results(), descriptions, settings);
		table.print(out);
		table.printTargets(out, run.stopChecks());
		out.printf("%nTotal %d s%n", Duration.between(start, Instant.now()).toSeconds());
		System.exit(0);
	}

	private static void printMachine(PrintStream out, BenchmarkSettings settings) {
		out.printf("Machine: %s, %d cores, %s %s, JVM %s %s, max heap %d MiB%n", cpuModel(),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
		out.printf("JVM options: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments());
		out.printf("Settings: %s%n", settings);
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown CPU";
		}
	}

}
