package io.github.sfstreaming.client;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.emulator.EmulatorStats;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seeded, reproducible soak test of the client against the emulator. A random schedule ({@link SoakSchedule})
 * publishes thousands of events on four channels (one of each kind) while it injects every fault the emulator
 * has, makes the replay store fail and slow down, makes the handler fail and slow down, and stops, starts,
 * restarts (also with {@code start()} racing {@code stop()}), unsubscribes and subscribes at random moments.
 * <p>
 * <b>Guarantee checked.</b> Once a channel's first subscription was confirmed, no event published on it may be
 * lost: not across faults, stops, restarts, unsubscriptions or a crash, whatever the default replay position
 * (chosen by the seed: {@code NEW_EVENTS} mostly, sometimes {@code ALL_EVENTS}). The only events excused are
 * those the emulator dropped from retention before they were handled.
 * <p>
 * <b>Checked as the client runs</b> ({@link SoakLedger}, {@link FaultyReplayStore}): a stored replay id was
 * handled, and so was every event before it (so that a crash at any moment loses nothing); the store's position
 * never moves backwards without a reset, and is reset only after the emulator dropped events; events of a channel
 * are handled one at a time and in replay-id order within a run. The test stops at the first broken invariant.
 * <p>
 * <b>Checked at the end</b>, after a clean phase: all faults cleared; events published then must be handled
 * within {@link #RECOVERY_BOUND} without any restart (recovery within a bound after the last fault); then one
 * stop and start (the client redelivers events whose handler failed only at a restart or new subscription) and
 * every required event must have been handled, at least once, and the store must hold each channel's last id;
 * after {@code close()} no {@code sf-streaming-*} thread may be left and the emulator must have no session of
 * the client left.
 * <p>
 * <b>Running it.</b> {@code -Dsoak.seed=N} replays a seed ({@code random} for a new one; a fixed one by default;
 * the seed is printed at the start and in every failure); {@code -Dsoak.duration=PT20S} (the default, for CI) sets the schedule's length, the sum of its
 * pauses (the run takes longer: the actions and the end checks take time); {@code -Dsoak.long=true} makes it 10
 * minutes unless a duration is given; {@code -Dsoak.without=startRacingStop,storeDown} leaves actions out and
 * {@code -Dsoak.defaultReplay=ALL_EVENTS} overrides the seed's choice, to tell one bug from another. A seed
 * reproduces the schedule, not the client's thread interleavings: a race may need a few runs of the same seed to
 * show again. See docs/soak.md.
 */
class SoakTests {

	/** The schedule of the build's short run. */
	private static final long DEFAULT_SEED = 20261202L;

	private static final org.slf4j.Logger logger = LoggerFactory.getLogger(SoakTests.class);

	static final List<String> CHANNELS = List.of("/topic/SoakInvoices", "/event/SoakOrder__e",
			"/data/AccountChangeEvent", "/u/SoakNotices");

	private static final Duration CI_LENGTH = Duration.ofSeconds(20);

	private static final Duration LONG_LENGTH = Duration.ofMinutes(10);

	/** How long the client may take to recover once every fault is cleared; generous for a loaded CI machine. */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		// larger than any run publishes: only trimRetention drops events
		.retention(1_000_000, Duration.ofDays(1))
		.channels(CHANNELS.toArray(String[]::new))
		.build();

	@Test
	void noPublishedEventIsLostUnderARandomScheduleOfFaults(SalesforceStreamingEmulator emulator) throws Exception {
		long seed = seed();
		Duration length = length();
		StringBuilder options = new StringBuilder();
		for (String option : List.of("soak.without", "soak.defaultReplay")) {
			String value = System.getProperty(option, "");
			if (!value.isBlank()) {
				options.append(" -D").append(option).append('=').append(value.trim());
			}
		}
		String rerun = "seed " + seed + " (rerun with ./mvnw -pl streaming-core -am test -Dtest=SoakTests "
				+ "-Dsurefire.failIfNoSpecifiedTests=false -Dsoak.seed=" + seed + " -Dsoak.duration=" + length + options
				+ ")";
		System.out.println("Soak test: " + rerun);
		logger.info("Soak test: {}", rerun);
		Level level = quietClientLogs();
		Run run = new Run(seed, emulator);
		try {
			run.execute(length);
		}
		catch (Throwable ex) {
			throw new AssertionError("Soak test failed, " + rerun + ": " + ex.getMessage() + "\n" + run.report(), ex);
		}
		finally {
			run.client.close();
			restoreClientLogs(level);
		}
	}

	/**
	 * The seed: {@code -Dsoak.seed=N}, or {@code -Dsoak.seed=random} for a new one; by default a fixed one, so that
	 * the build's short run is the same schedule every time (the long run is where new seeds are explored).
	 */
	private static long seed() {
		String seed = System.getProperty("soak.seed", "").trim();
		if (seed.equals("random")) {
			return new SecureRandom().nextLong();
		}
		return seed.isEmpty() ? DEFAULT_SEED : Long.parseLong(seed);
	}

	private static Duration length() {
		String duration = System.getProperty("soak.duration");
		if (duration != null && !duration.isBlank()) {
			return Duration.parse(duration.trim());
		}
		return Boolean.getBoolean("soak.long") ? LONG_LENGTH : CI_LENGTH;
	}

	/** Actions left out of the schedule, to tell one bug from another: {@code -Dsoak.without=storeDown,stop}. */
	private static Set<String> without() {
		String without = System.getProperty("soak.without", "");
		return Arrays.stream(without.split(","))
			.map(String::trim)
			.filter((action) -> !action.isEmpty())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The client logs each redelivered event at DEBUG: tens of thousands of lines. {@code -Dsoak.debug} keeps them. */
	private static @Nullable Level quietClientLogs() {
		ch.qos.logback.classic.Logger client = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger("io.github.sfstreaming");
		Level level = client.getLevel();
		if (!Boolean.getBoolean("soak.debug")) {
			client.setLevel(Level.INFO);
		}
		return level;
	}

	private static void restoreClientLogs(@Nullable Level level) {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.github.sfstreaming")).setLevel(level);
	}

	/** The threads the client names, alive now. */
	private static Set<Thread> streamingThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("sf-streaming-") && thread.isAlive())
			.collect(Collectors.toSet());
	}

	private static String stacks(Set<Thread> threads) {
		StringBuilder stacks = new StringBuilder();
		for (Thread thread : threads) {
			stacks.append(thread.getName()).append(" (").append(thread.getState()).append(")\n");
			StackTraceElement[] frames = thread.getStackTrace();
			for (int i = 0; i < Math.min(frames.length, 12); i++) {
				stacks.append("    at ").append(frames[i]).append('\n');
			}
		}
		return stacks.toString();
	}

	/** One run of the soak test: its parts, its phases and its report. */
	private static final class Run {

		private final long seed;

		private final SalesforceStreamingEmulator emulator;

		private final Random random;

		private final HandlerFaults handlerFaults;

		private final SoakLedger ledger;

		private final FaultyReplayStore store;

		private final SoakListener listener = new SoakListener();

		private final SalesforceStreamingClient client;

		private final SoakSchedule schedule;

		private final Set<Thread> threadsBefore = streamingThreads();

		private final String settings;

		private final long startNanos = System.nanoTime();

		private @Nullable Duration recovery;

		Run(long seed, SalesforceStreamingEmulator emulator) {
			this.seed = seed;
			this.emulator = emulator;
			this.random = new Random(seed);
			this.handlerFaults = new HandlerFaults(seed);
			this.ledger = new SoakLedger(CHANNELS, this.handlerFaults);
			this.store = new FaultyReplayStore(this.ledger);
			int bufferSize = List.of(20, 100, 1000).get(this.random.nextInt(3));
			int concurrency = 1 + this.random.nextInt(4);
			ReplayPosition defaultReplay = (this.random.nextInt(4) == 0) ? ReplayPosition.ALL_EVENTS
					: ReplayPosition.NEW_EVENTS;
			String forced = System.getProperty("soak.defaultReplay", "");
			if (!forced.isBlank()) {
				defaultReplay = switch (forced.trim()) {
					case "NEW_EVENTS" -> ReplayPosition.NEW_EVENTS;
					case "ALL_EVENTS" -> ReplayPosition.ALL_EVENTS;
					default -> throw new IllegalArgumentException(
							"soak.defaultReplay '" + forced + "' must be NEW_EVENTS or ALL_EVENTS");
				};
			}
			Set<String> without = without();
			this.settings = "bufferSize " + bufferSize + ", handlerConcurrency " + concurrency + ", defaultReplay "
					+ defaultReplay + (without.isEmpty() ? "" : ", without " + without);
			this.client = EmulatorClients.client(emulator)
				.replayStore(this.store)
				.bufferSize(bufferSize)
				.handlerConcurrency(concurrency)
				.defaultReplay(defaultReplay)
				.listener(this.listener)
				.build();
			this.schedule = new SoakSchedule(this.random, this.client, emulator, this.store, this.handlerFaults,
					this.ledger, CHANNELS, without);
		}

		void execute(Duration length) throws InterruptedException {
			logger.info("soak: {}", this.settings);
			CHANNELS.forEach((channel) -> this.client.subscribe(channel, this.ledger));
			this.client.start();
			this.client.awaitConnected(RECOVERY_BOUND);
			assertThat(this.client.channels()).as("channels subscribed at the start")
				.allSatisfy((status) -> assertThat(status.subscribed()).as(status.channel()).isTrue());
			// from here on, every event published must be handled
			this.schedule.run(length, this::failOnViolation);
			recoverAfterTheLastFault();
			redeliverAfterACleanRestart();
			closeCleanly();
			failOnViolation();
			logger.info("soak: passed\n{}", report());
			System.out.println("Soak test passed:\n" + report());
		}

		/** Clears every fault, then events published must be handled within the bound, without any restart. */
		private void recoverAfterTheLastFault() {
			this.emulator.faults().clear();
			this.store.heal();
			this.handlerFaults.clear();
			long cleared = System.nanoTime();
			this.schedule.resumeAll();
			Map<String, List<Long>> fresh = this.schedule.publishOnEveryChannel(5);
			await("events published after the last fault handled").atMost(RECOVERY_BOUND)
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> fresh.forEach((channel, ids) -> assertThat(this.ledger.unhandled(channel, ids))
					.as("events of %s published after the last fault, not handled within %s (client %s, channels %s)",
							channel, RECOVERY_BOUND, this.client.state(), this.client.channels())
					.isEmpty()));
			this.recovery = Duration.ofNanos(System.nanoTime() - cleared);
			assertThat(this.client.failure()).as("the error that made the client give up").isNull();
			failOnViolation();
		}

		/** One stop and start: events whose handler failed come again; then every event must be handled. */
		private void redeliverAfterACleanRestart() {
			this.schedule.stop();
			this.schedule.start();
			await("every published event handled after a clean restart").atMost(RECOVERY_BOUND)
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(this.ledger.missing())
					.as("published events never handled, per channel (client %s, channels %s)", this.client.state(),
							this.client.channels())
					.isEmpty());
			await("the replay store at each channel's last event").atMost(RECOVERY_BOUND)
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> CHANNELS.forEach((channel) -> assertThat(this.store.stored(channel))
					.as("replay id stored for %s", channel)
					.isEqualTo(this.ledger.lastPublished(channel))));
			assertThat(this.client.failure()).as("the error that made the client give up").isNull();
			failOnViolation();
		}

		/** After close, nothing of the client runs, here or at the emulator. */
		private void closeCleanly() {
			List<EmulatorStats.SubscribeStats> subscribes = this.emulator.stats().subscribes();
			String clientId = subscribes.get(subscribes.size() - 1).clientId();
			assertThat(this.emulator.stats().sessions()).extracting(EmulatorStats.SessionStats::clientId)
				.as("the live sessions at the emulator, before close, include the client's last one")
				.contains(clientId);
			this.client.close();
			await("the client's threads gone after close").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(streamingThreads())
					.as(() -> "sf-streaming-* threads alive after close:\n" + stacks(streamingThreads()))
					.isSubsetOf(this.threadsBefore));
			await("the client's session gone from the emulator after close").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(this.emulator.stats().sessions())
					.extracting(EmulatorStats.SessionStats::clientId)
					.as("live sessions at the emulator after close")
					.doesNotContain(clientId));
		}

		private void failOnViolation() {
			List<String> violations = this.ledger.violations();
			if (!violations.isEmpty()) {
				throw new AssertionError("invariants broken:\n  " + String.join("\n  ", violations));
			}
		}

		String report() {
			long[] totals = this.ledger.totals();
			StringBuilder report = new StringBuilder();
			report.append("seed ").append(this.seed).append(", ").append(this.settings).append('\n');
			report.append("wall time ").append(Duration.ofNanos(System.nanoTime() - this.startNanos).toSeconds())
				.append(" s, steps ").append(this.schedule.steps()).append(", recovery after the last fault ")
				.append((this.recovery != null) ? this.recovery.toMillis() + " ms" : "-")
				.append('\n');
			report.append("events: published ").append(totals[0]).append(", handled ").append(totals[1])
				.append(", deliveries ").append(totals[2]).append(" (").append(totals[2] - totals[1])
				.append(" more than handled: redeliveries and failures), excused ").append(totals[3])
				.append(", handler failures injected ").append(this.handlerFaults.failures())
				.append(", slowed ").append(this.handlerFaults.slowed())
				.append('\n');
			report.append(this.ledger.summary());
			report.append(this.store.summary()).append('\n');
			report.append("actions ").append(this.schedule.counts()).append('\n');
			report.append("client: ").append(this.listener).append(", state ").append(this.client.state())
				.append(", failure ").append(this.client.failure()).append('\n');
			report.append("last actions:\n  ").append(String.join("\n  ", this.schedule.recent()));
			return report.toString();
		}

	}

	/** Counts the client's callbacks, for the report. */
	private static final class SoakListener implements StreamingClientListener {

		private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

		@Override
		public void reconnecting(String cause) {
			count("reconnect " + cause);
		}

		@Override
		public void subscribed(String channel, ReplayPosition from) {
			count("subscribed");
		}

		@Override
		public void subscriptionFailed(String channel, Throwable error) {
			count("subscription failed");
		}

		@Override
		public void replayIdInvalid(String channel, long rejected, @Nullable ReplayPosition fallback) {
			count("replay id invalid");
		}

		private void count(String what) {
			this.counts.computeIfAbsent(what, (key) -> new AtomicLong()).incrementAndGet();
		}

		@Override
		public String toString() {
			return new java.util.TreeMap<>(this.counts).toString();
		}

	}

}
