package io.github.sfstreaming.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sfstreaming.emulator.EmulatorStats;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * One run: starts the emulator and every configuration, then, per scenario, a warm-up round of each, the
 * full-speed rounds and the (shorter, more numerous) fixed-rate rounds, alternating the configurations in a
 * rotated order every round, so that the machine's noise spreads over all of them. Ends with a clean stop of
 * every configuration right after a burst of events, and checks what each stored.
 */
final class BenchmarkRun {

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(90);

	private static final int FINAL_BURST_PER_CHANNEL = 2_000;

	private final BenchmarkSettings settings;

	private final PrintStream out;

	private final EventProbe probe = new EventProbe();

	private final ThreadMeter threads = new ThreadMeter();

	private final List<PhaseResult> results = new ArrayList<>();

	private final Map<Character, String> stopChecks = new LinkedHashMap<>();

	private int phaseIds;

	BenchmarkRun(BenchmarkSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	List<PhaseResult> results() {
		return this.results;
	}

	Map<Character, String> stopChecks() {
		return this.stopChecks;
	}

	void run() throws Exception {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.longPollTimeout(this.settings.longPollTimeout())
			.retention(1_000, Duration.ofHours(1))
			.build()
			.start()) {
			List<Subject> subjects = subjects(emulator);
			Publisher publisher = new Publisher(emulator);
			for (Subject subject : subjects) {
				List<String> channels = Scenario.allChannels(subject.key());
				channels.forEach(emulator::createChannel);
				long start = System.nanoTime();
				subject.start(channels);
				awaitSubscribed(emulator, channels);
				this.out.printf("started (%s) %s in %d ms%n", subject.key(), subject.description(),
						(System.nanoTime() - start) / 1_000_000);
			}
			for (Scenario scenario : Scenario.ALL) {
				for (Subject subject : subjects) {
					phase(publisher, subject, scenario, 0, this.settings.warmupEvents(), 0);
				}
				for (int round = 1; round <= this.settings.rounds(); round++) {
					for (Subject subject : rotated(subjects, round)) {
						record(phase(publisher, subject, scenario, round, this.settings.events(), 0));
					}
				}
				for (int round = 1; round <= this.settings.fixedRounds(); round++) {
					for (Subject subject : rotated(subjects, round)) {
						record(phase(publisher, subject, scenario, round, this.settings.fixedEvents(),
								this.settings.fixedRate()));
					}
				}
			}
			for (Subject subject : subjects) {
				this.stopChecks.put(subject.key(), stopCheck(emulator, publisher, subject));
				this.out.printf("clean stop (%s): %s%n", subject.key(), this.stopChecks.get(subject.key()));
			}
		}
	}

	private List<Subject> subjects(SalesforceStreamingEmulator emulator) {
		List<Subject> subjects = new ArrayList<>();
		if (this.settings.runs('a')) {
			subjects.add(new StarterSubject(true, emulator.baseUrl(), this.settings, this.probe));
		}
		if (this.settings.runs('b')) {
			subjects.add(new StarterSubject(false, emulator.baseUrl(), this.settings, this.probe));
		}
		if (this.settings.runs('c')) {
			subjects.add(new CoreClientSubject(emulator.baseUrl(), this.probe));
		}
		if (this.settings.runs('d')) {
			subjects.add(new CometdSubject(emulator.baseUrl(), this.probe));
		}
		return subjects;
	}

	/** The configurations in a different order every round, so that none always follows the same one. */
	private static List<Subject> rotated(List<Subject> subjects, int round) {
		List<Subject> rotated = new ArrayList<>();
		for (int i = 0; i < subjects.size(); i++) {
			rotated.add(subjects.get((i + round - 1) % subjects.size()));
		}
		return rotated;
	}

	private void record(PhaseResult result) {
		this.results.add(result);
		this.out.println("  " + result);
	}

	private PhaseResult phase(Publisher publisher, Subject subject, Scenario scenario, int round, int events,
			int rate) throws InterruptedException {
		if (rate == 0) {
			// full speed: every configuration starts with the same empty young generation
			System.gc();
			Thread.sleep(200);
		}
		else {
			Thread.sleep(50);
		}
		EventProbe.Phase phase = this.probe.begin(++this.phaseIds, events);
		Map<String, Long> groupsBefore = Boolean.getBoolean("bench.threads") ? this.threads.byThreadGroup()
				: Map.of();
		Map<Long, ThreadMeter.Usage> usageBefore = this.threads.snapshot();
		long emulatorCpu = this.threads.uncountedCpuNanos();
		long storeWrites = subject.storeWrites();
		long durableWrites = subject.durableWrites();
		long start = publisher.publish(phase.id(), scenario.channels(subject.key()), events, rate);
		boolean complete = phase.await(PHASE_TIMEOUT);
		ThreadMeter.Usage usage = ThreadMeter.between(usageBefore, this.threads.snapshot());
		emulatorCpu = this.threads.uncountedCpuNanos() - emulatorCpu;
		if (Boolean.getBoolean("bench.threads") && rate == 0) {
			Map<String, Long> groups = this.threads.byThreadGroup();
			groups.forEach((name, bytes) -> {
				long delta = bytes - groupsBefore.getOrDefault(name, 0L);
				if (delta > 1_000_000) {
					this.out.printf("    %-50s %,8.0f B/event%n", name, (double) delta / events);
				}
			});
		}
		long end = complete ? phase.lastHandledNanos() : System.nanoTime();
		long[] latencies = phase.sortedLatencies();
		return new PhaseResult(subject.key(), scenario.name(), rate > 0, round, events, phase.handledCount(),
				phase.duplicates(), end - start, latencies, usage.allocatedBytes(), usage.cpuNanos(), emulatorCpu,
				subject.storeWrites() - storeWrites,
				(durableWrites >= 0) ? subject.durableWrites() - durableWrites : -1);
	}

	private String stopCheck(SalesforceStreamingEmulator emulator, Publisher publisher, Subject subject)
			throws Exception {
		List<String> channels = Scenario.allChannels(subject.key());
		EventProbe.Phase phase = this.probe.begin(++this.phaseIds, FINAL_BURST_PER_CHANNEL * channels.size());
		publisher.publish(phase.id(), channels, FINAL_BURST_PER_CHANNEL * channels.size(), 0);
		if (!phase.await(PHASE_TIMEOUT)) {
			return "the final burst was not handled (" + phase.handledCount() + " events)";
		}
		Map<String, Long> stored = subject.stop();
		EmulatorStats stats = emulator.stats();
		int matching = 0;
		List<String> wrong = new ArrayList<>();
		for (String channel : channels) {
			long last = stats.channel(channel).lastReplayId();
			Long storedId = stored.get(channel);
			if (storedId != null && storedId == last) {
				matching++;
			}
			else {
				wrong.add(channel + " stored " + storedId + ", last " + last);
			}
		}
		return "last handled id stored on " + matching + "/" + channels.size() + " channels"
				+ (wrong.isEmpty() ? "" : " " + wrong);
	}

	private static void awaitSubscribed(SalesforceStreamingEmulator emulator, List<String> channels)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			EmulatorStats stats = emulator.stats();
			if (channels.stream().allMatch((channel) -> !stats.channel(channel).subscribers().isEmpty())) {
				return;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("Not subscribed to " + channels + " within 30 s");
	}

}
