package io.github.sfstreaming.benchmarks.transports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * The {@code transports} scenario: the core client over its built-in CometD transport (c) against the same client
 * over the Pub/Sub transport on the emulator's gRPC TCP port (p), on the same events. The emulator runs in this
 * JVM; each run is a fresh subject JVM ({@link TransportSubjectMain}) that, for platform events:
 * <ol>
 * <li>drains a retained backlog from the earliest event (cold: what a restart after downtime meets);</li>
 * <li>takes a burst published at once while it is subscribed (warm throughput);</li>
 * <li>takes events at each fixed rate, each carrying its publish time (publish-to-handler latency).</li>
 * </ol>
 * Change events get the drain and the burst. Per phase the subject reports its process CPU time, heap allocated
 * and latencies; the subjects alternate, their order rotating per repetition, and ratios are taken per repetition.
 */
public final class TransportsMain {

	private static final Map<Character, String> TRANSPORTS = Map.of('c', "cometd", 'p', "pubsub");

	private final TransportsSettings settings;

	private final PrintStream out;

	private final SalesforceStreamingEmulator emulator;

	private TransportsMain(TransportsSettings settings, PrintStream out, SalesforceStreamingEmulator emulator) {
		this.settings = settings;
		this.out = out;
		this.emulator = emulator;
	}

	/**
	 * Runs every kind and prints a table for each.
	 * @param args ignored
	 */
	public static void main(String[] args) throws Exception {
		TransportsSettings settings = TransportsSettings.fromEnvironment();
		PrintStream out = System.out;
		if (!Files.isRegularFile(settings.benchmarkJar())) {
			throw new IllegalStateException(
					"No " + settings.benchmarkJar().toAbsolutePath() + ": build it first (see README)");
		}
		Instant start = Instant.now();
		out.printf("Transports, %s, %d cores, JVM %s; %s%n", start, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), settings);
		out.printf("Load average at start: %s%n", loadAverage());
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.retention(2 * settings.eventsPerRun(), Duration.ofDays(1))
			.longPollTimeout(Duration.ofSeconds(10))
			.channels(TransportEvents.PLATFORM_EVENT_CHANNEL, TransportEvents.CHANGE_EVENT_CHANNEL)
			.pubSub(true)
			.build()
			.start()) {
			out.printf("Emulator: CometD %s, Pub/Sub %s (plaintext TCP)%n", emulator.bayeuxUrl("64.0"),
					emulator.pubSubTarget());
			TransportsMain main = new TransportsMain(settings, out, emulator);
			for (String kind : settings.kinds()) {
				main.kind(kind.trim());
			}
		}
		out.printf("%nLoad average at end: %s; total %d s%n", loadAverage(),
				Duration.between(start, Instant.now()).toSeconds());
		System.exit(0);
	}

	private void kind(String kind) throws InterruptedException {
		this.out.printf("%n### %s, %s; load %s%n%n", kind.equals("cdc") ? "Change events" : "Platform events",
				TransportEvents.channel(kind), loadAverage());
		String subjects = this.settings.subjects();
		Map<Character, List<Map<String, Double>>> runs = new LinkedHashMap<>();
		for (char key : subjects.toCharArray()) {
			runs.put(key, new ArrayList<>());
		}
		for (int repetition = 0; repetition < this.settings.repetitions(); repetition++) {
			for (int i = 0; i < subjects.length(); i++) {
				char key = subjects.charAt((i + repetition) % subjects.length());
				Map<String, Double> figures = run(kind, key);
				runs.get(key).add(figures);
				this.out.printf("  run %d (%c): %s; load %s%n", repetition + 1, key, describe(figures), loadAverage());
			}
		}
		new TransportsTable(runs).print(this.out);
	}

	/** One fresh subject JVM through every phase; its figures, empty if it failed. */
	private Map<String, Double> run(String kind, char key) throws InterruptedException {
		this.emulator.reset();
		String channel = TransportEvents.channel(kind);
		int backlog = this.settings.backlog();
		this.emulator.publish(channel, backlog, TransportEvents.payload(kind, 0, -1, 0));
		Map<String, Double> figures = new LinkedHashMap<>();
		long launched = System.nanoTime();
		try (SubjectProcess subject = SubjectProcess.start(command(key, channel, backlog))) {
			long subscribed = awaitSubscribe(key);
			Usage emulatorBefore = Usage.now();
			Map<String, String> drained = subject.await("done", timeout());
			Usage emulatorUsed = Usage.now().minus(emulatorBefore);
			long last = number(drained, "last");
			String drain = String.format("drain %,d", backlog);
			figures.put(drain + ": events/s, subscribe to last", backlog / ((last - subscribed) / 1e9));
			figures.put(drain + ": launch to last, s", (last - launched) / 1e9);
			perEvent(figures, drain + " (client start to last)", drained, backlog);
			figures.put(drain + ": JVM CPU at last, s (start-up included)", number(drained, "processCpu") / 1e9);
			figures.put(drain + ": emulator CPU / event, µs", emulatorUsed.cpuNanos() / 1e3 / backlog);
			burst(subject, kind, channel, figures);
			if (kind.equals("event")) {
				int phase = 2;
				for (int rate : this.settings.rates()) {
					fixedRate(subject, phase++, rate, kind, channel, figures);
				}
			}
			figures.put("max RSS, MB", subject.peakRssMb());
		}
		catch (IOException | RuntimeException ex) {
			this.out.printf("  FAILED (%c): %s%n", key, ex.getMessage());
			return Map.of();
		}
		return figures;
	}

	private void burst(SubjectProcess subject, String kind, String channel, Map<String, Double> figures)
			throws InterruptedException {
		int events = this.settings.burst();
		subject.send("begin 1 " + events);
		subject.await("ready", timeout());
		Usage emulatorBefore = Usage.now();
		long start = System.nanoTime();
		this.emulator.publish(channel, events, TransportEvents.payload(kind, 1, -1, 0));
		Map<String, String> done = subject.await("done", timeout());
		Usage emulatorUsed = Usage.now().minus(emulatorBefore);
		String burst = String.format("burst %,d", events);
		figures.put(burst + ": events/s, publish to last", events / ((number(done, "last") - start) / 1e9));
		perEvent(figures, burst, done, events);
		figures.put(burst + ": emulator CPU / event, µs (publishing included)",
				emulatorUsed.cpuNanos() / 1e3 / events);
	}

	private void fixedRate(SubjectProcess subject, int phase, int rate, String kind, String channel,
			Map<String, Double> figures) throws InterruptedException {
		int events = rate * this.settings.rateSeconds();
		subject.send("begin " + phase + " " + events);
		subject.await("ready", timeout());
		long interval = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int seq = 0; seq < events; seq++) {
			// parked, not spinning: a spinning publisher would take a core from the subject on this 2-core machine
			long remaining;
			while ((remaining = start + seq * interval - System.nanoTime()) > 0) {
				LockSupport.parkNanos(remaining);
			}
			this.emulator.publish(channel, TransportEvents.payload(kind, phase, seq, System.nanoTime()));
		}
		double published = events / ((System.nanoTime() - start) / 1e9);
		Map<String, String> done = subject.await("done", timeout());
		String name = String.format("%,d/s", rate);
		figures.put(name + ": latency p50, ms", number(done, "p50") / 1e6);
		figures.put(name + ": latency p99, ms", number(done, "p99") / 1e6);
		figures.put(name + ": latency max, ms", number(done, "max") / 1e6);
		perEvent(figures, name, done, events);
		figures.put(name + ": rate published, events/s", published);
	}

	private static String describe(Map<String, Double> figures) {
		StringBuilder line = new StringBuilder();
		figures.forEach((name, value) -> line.append(line.isEmpty() ? "" : "; ")
			.append(name)
			.append(' ')
			.append(TransportsTable.format(value)));
		return line.isEmpty() ? "failed" : line.toString();
	}

	private static void perEvent(Map<String, Double> figures, String phase, Map<String, String> done, int events) {
		figures.put(phase + ": CPU / event, µs", number(done, "cpu") / 1e3 / events);
		figures.put(phase + ": heap / event, KB", number(done, "alloc") / 1024.0 / events);
	}

	/** When the emulator saw the subject's subscription: {@code /meta/subscribe} or a {@code Subscribe} stream. */
	private long awaitSubscribe(char key) {
		long deadline = System.nanoTime() + timeout().toNanos();
		while (System.nanoTime() < deadline) {
			boolean subscribed = (key == 'p') ? this.emulator.pubSubStats().subscribes() > 0
					: !this.emulator.stats().subscribes().isEmpty();
			if (subscribed) {
				return System.nanoTime();
			}
			LockSupport.parkNanos(1_000_000);
		}
		throw new IllegalStateException("The subject did not subscribe within " + timeout().toSeconds() + " s");
	}

	private List<String> command(char key, String channel, int backlog) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(this.settings.subjectJvmArgs());
		command.addAll(List.of("-jar", this.settings.benchmarkJar().toString(), "transport-subject",
				TRANSPORTS.get(key), this.emulator.baseUrl().toString(), this.emulator.pubSubTarget(), channel,
				Integer.toString(backlog)));
		return command;
	}

	private Duration timeout() {
		return Duration.ofSeconds(this.settings.timeoutSeconds());
	}

	private static long number(Map<String, String> values, String key) {
		String value = values.get(key);
		if (value == null) {
			throw new IllegalStateException("The subject's report has no " + key + ": " + values);
		}
		return Long.parseLong(value);
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
