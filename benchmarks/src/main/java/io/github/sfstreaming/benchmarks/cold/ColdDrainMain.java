package io.github.sfstreaming.benchmarks.cold;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * The cold drain: what users meet after downtime. The emulator (in this JVM) retains a backlog; then, for each
 * subject, in alternating order and several times, a fresh JVM with no flags subscribes to every retained event
 * and handles it:
 * <ul>
 * <li>(a) the sample application's jar as built, its listeners as they are, the JDBC store on PostgreSQL,
 * Actuator and Micrometer on;</li>
 * <li>(b) a minimal {@code @SalesforceListener(StreamingEvent)} application, the JDBC store on PostgreSQL;</li>
 * <li>(c) the core client, in-memory store;</li>
 * <li>(d) CometD's {@code BayeuxClient} with a replay extension, no store, no per-event work;</li>
 * <li>(f) and (g): a minimal application with a one-event {@code @SalesforceListener(ChangeEvent)} method and the
 * same with a batch listener taking {@code List<ChangeEvent>}, each reading one field per event, the JDBC store on
 * PostgreSQL (with {@code cold.channel-names=/data/AccountChangeEvent} and {@code cold.reference=f}: batch against
 * one-event).</li>
 * </ul>
 * Measured: from the first {@code /meta/subscribe} the emulator sees to the line announcing the last event of
 * every channel on the JVM's standard output; the JVM's CPU time and peak RSS at that moment; the replay table's
 * writes and, after a graceful stop (SIGTERM), its content.
 */
public final class ColdDrainMain {

	static final String TABLE = "COLD_SF_STREAMING_REPLAY";

	/**
	 * The emulator answers the first {@code /meta/connect} after the subscription with the whole backlog: 100,000
	 * events make a reply of about 40 MB, beyond every client's default limit of 10 MB, so every subject gets 64 MB.
	 */
	static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

	/** The sample's channels, one per kind, with the payloads its listeners read. */
	private static final Map<String, String> CHANNELS = new LinkedHashMap<>();

	static {
		CHANNELS.put("/topic/InvoiceStatementUpdates",
				"{\"Id\":\"a015g00000XyZaQAAV\",\"Name\":\"INV-00042\",\"Status__c\":\"Open\",\"Amount__c\":1250.75}");
		CHANNELS.put("/event/OrderPlaced__e", "{\"Order_Number__c\":\"ORD-00042\",\"Total__c\":99.5}");
		CHANNELS.put("/data/AccountChangeEvent", "{\"Name\":\"Acme\",\"Industry\":\"Energy\"}");
		CHANNELS.put("/u/Notifications", "\"Invoice INV-00042 was paid\"");
	}

	private static final Map<Character, String> DESCRIPTIONS = Map.of('a',
			"sample app jar as shipped (POJO + 3 `@Header`s, a log line per event), JDBC store, Actuator", 'b',
			"minimal `@SalesforceListener(StreamingEvent)` app, JDBC store", 'c',
			"core client, in-memory store, no per-event work", 'd',
			"CometD `BayeuxClient` + replay extension, no store, no per-event work", 'e',
			"(a) built from `cold.baseline-sample-jar` (the sample before a change)", 'f',
			"minimal app, one-event `@SalesforceListener(ChangeEvent)`, reads one field, JDBC store", 'g',
			"the same, batch listener `List<ChangeEvent>`", 'h',
			"CometD `BayeuxClient` doing the sample's listener work (Jackson binds the record, the same log line)");

	private final ColdSettings settings;

	private final PrintStream out;

	private final SalesforceStreamingEmulator emulator;

	private int runNumber;

	private ColdDrainMain(ColdSettings settings, PrintStream out, SalesforceStreamingEmulator emulator) {
		this.settings = settings;
		this.out = out;
		this.emulator = emulator;
	}

	/**
	 * Runs every scenario and prints a table for each.
	 * @param args ignored
	 */
	public static void main(String[] args) throws Exception {
		ColdSettings settings = ColdSettings.fromEnvironment();
		PrintStream out = System.out;
		for (Path jar : List.of(settings.sampleJar(), settings.benchmarkJar(), settings.baselineSampleJar())) {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException("No " + jar.toAbsolutePath() + ": build it first (see README)");
			}
		}
		int maxEvents = settings.events().stream().mapToInt(Integer::intValue).max().orElseThrow();
		Instant start = Instant.now();
		out.printf("Cold drain, %s, %d cores, JVM %s; %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), settings);
		out.printf("Load average at start: %s%n", loadAverage());
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.retention(maxEvents, Duration.ofDays(1))
			.longPollTimeout(Duration.ofSeconds(10))
			.channels(CHANNELS.keySet().toArray(String[]::new))
			.build()
			.start()) {
			ColdDrainMain main = new ColdDrainMain(settings, out, emulator);
			main.dropTable();
			for (int events : settings.events()) {
				for (int channels : settings.channelCounts()) {
					main.scenario(events, channels);
				}
			}
		}
		out.printf("%nLoad average at end: %s; total %d s%n", loadAverage(),
				Duration.between(start, Instant.now()).toSeconds());
		System.exit(0);
	}

	private void scenario(int events, int channelCount) throws Exception {
		List<String> names = this.settings.channelNames().isEmpty() ? new ArrayList<>(CHANNELS.keySet())
				: this.settings.channelNames();
		List<String> channels = names.subList(0, channelCount);
		for (String channel : channels) {
			if (!CHANNELS.containsKey(channel)) {
				throw new IllegalStateException("cold.channel-names: " + channel + " is none of " + CHANNELS.keySet());
			}
		}
		int perChannel = events / channelCount;
		this.emulator.reset();
		for (String channel : channels) {
			this.emulator.publish(channel, perChannel, CHANNELS.get(channel));
		}
		this.out.printf("%n### %,d retained events, %d channel%s (%,d each); load %s%n%n", perChannel * channelCount,
				channelCount, (channelCount > 1) ? "s" : "", perChannel, loadAverage());
		String subjects = this.settings.subjects();
		Map<Character, List<ColdRun>> runs = new LinkedHashMap<>();
		for (char key : subjects.toCharArray()) {
			runs.put(key, new ArrayList<>());
		}
		for (int repetition = 0; repetition < this.settings.repetitions(); repetition++) {
			for (int i = 0; i < subjects.length(); i++) {
				char key = subjects.charAt((i + repetition) % subjects.length());
				ColdRun run = run(key, channels, perChannel);
				runs.get(key).add(run);
				this.out.printf("  run %d (%c): %s%n", repetition + 1, key, describe(run, perChannel * channelCount));
			}
		}
		Map<Character, String> descriptions = new HashMap<>(DESCRIPTIONS);
		if (!this.settings.batchMaxSize().isBlank()) {
			descriptions.put('g', DESCRIPTIONS.get('g') + ", `batch.max-size` " + this.settings.batchMaxSize());
		}
		new ColdTable(runs, descriptions, perChannel * channelCount, this.settings.reference()).print(this.out);
	}

	private static String describe(ColdRun run, int events) {
		if (!run.ok()) {
			return "FAILED " + run.note();
		}
		// after the first event, the handling alone: what the listener's shape (one event, batch) can change
		double firstToLast = events / run.eventsPerSecond() - run.subscribeToFirstSeconds();
		return String.format("%,.0f events/s, %.2f s launch to last, %.2f s subscribe to first (then %s events/s), "
				+ "CPU %.1f s (%.1f s from subscribe), RSS %.0f MB, db writes/event %s, stored %s%s",
				run.eventsPerSecond(), run.launchToLastSeconds(), run.subscribeToFirstSeconds(),
				(run.subscribeToFirstSeconds() < 0) ? "-" : String.format("%,.0f", events / firstToLast),
				run.cpuSeconds(), run.drainCpuSeconds(),
				run.maxRssMb(),
				(run.dbWrites() < 0) ? "-" : String.format("%.5f", (double) run.dbWrites() / events),
				(run.stored() == null) ? "-" : run.stored(),
				(run.listenerCalls() < 0) ? "" : String.format(", %.1f events/listener call",
						(double) events / run.listenerCalls()));
	}

	private ColdRun run(char key, List<String> channels, int perChannel) throws Exception {
		String consumer = "cold-" + key + "-" + (++this.runNumber) + "-" + System.currentTimeMillis();
		List<String> command = command(key, channels, perChannel, consumer);
		boolean jdbc = key == 'a' || key == 'b' || key == 'e' || key == 'f' || key == 'g';
		long writesBefore = jdbc ? tableWrites() : -1;
		int subscribesBefore = this.emulator.stats().subscribes().size();
		Map<String, Boolean> pending = new ConcurrentHashMap<>();
		channels.forEach((channel) -> pending.put(channel, true));
		String[] expected = channels.stream().map((channel) -> "channel=" + channel + " replayId=" + perChannel + " ")
			.toArray(String[]::new);
		String[] expectedAtEnd = channels.stream().map((channel) -> "channel=" + channel + " replayId=" + perChannel)
			.toArray(String[]::new);
		CountDownLatch done = new CountDownLatch(1);
		Deque<String> tail = new ArrayDeque<>();
		long launched = System.nanoTime();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put(ColdSubjectMain.MAX_MESSAGE_SIZE_VARIABLE, Integer.toString(MAX_MESSAGE_SIZE));
		Process process = builder.start();
		long[] subscribed = { 0 };
		double[] cpuAtSubscribe = { -1 };
		Thread poller = new Thread(() -> {
			while (done.getCount() > 0 && process.isAlive()) {
				// The time before asking: the emulator's statistics wait while it queues a subscription's backlog
				// (the channel's lock), which for 100,000 events took longer than some clients needed to handle the
				// first event. The subscription was recorded before that, and at most one poll before this time.
				long asked = System.nanoTime();
				if (this.emulator.stats().subscribes().size() > subscribesBefore) {
					subscribed[0] = asked;
					cpuAtSubscribe[0] = cpuSeconds(process);
					return;
				}
				LockSupport.parkNanos(1_000_000);
			}
		}, "cold-subscribe-poller");
		poller.start();
		long[] finished = { 0 };
		long[] first = { 0 };
		long[] calls = { -1 };
		Path log = (this.settings.logDirectory() != null)
				? this.settings.logDirectory().resolve(consumer + ".log") : null;
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					PrintStream copy = (log != null) ? new PrintStream(Files.newOutputStream(log), false,
							StandardCharsets.UTF_8) : null) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (copy != null) {
						copy.println(System.nanoTime() / 1_000_000 + " " + line);
					}
					if (first[0] == 0 && (line.contains("replayId=1 ") || line.endsWith("replayId=1"))) {
						first[0] = System.nanoTime();
					}
					if (done.getCount() > 0 && line.contains("replayId=" + perChannel)) {
						for (int i = 0; i < expected.length; i++) {
							if (line.contains(expected[i]) || line.endsWith(expectedAtEnd[i])) {
								pending.remove(channels.get(i));
								int at = line.indexOf(" calls=");
								if (at >= 0) {
									calls[0] = Math.max(calls[0], Long.parseLong(line.substring(at + 7).trim()));
								}
							}
						}
						if (pending.isEmpty()) {
							finished[0] = System.nanoTime();
							done.countDown();
						}
					}
					synchronized (tail) {
						tail.addLast(line);
						if (tail.size() > 30) {
							tail.removeFirst();
						}
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "cold-output-reader");
		reader.start();
		boolean ok = done.await(this.settings.timeoutSeconds(), TimeUnit.SECONDS);
		double cpu = cpuSeconds(process);
		double rss = peakRssMb(process.pid());
		process.destroy();
		boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
		if (!stopped) {
			process.destroyForcibly().waitFor();
		}
		poller.join();
		reader.join(10_000);
		if (!ok || subscribed[0] == 0) {
			String note;
			synchronized (tail) {
				note = "no last event within " + this.settings.timeoutSeconds() + " s; pending " + pending.keySet()
						+ "; last output:\n      " + String.join("\n      ", tail);
			}
			return new ColdRun(key, false, 0, 0, 0, cpu, -1, rss, -1, null, -1, note);
		}
		double seconds = (finished[0] - subscribed[0]) / 1e9;
		long writes = jdbc ? tableWrites() - writesBefore : -1;
		Boolean stored = jdbc ? storedLast(consumer, channels, perChannel) : null;
		double toFirst = (first[0] == 0) ? -1 : (first[0] - subscribed[0]) / 1e9;
		return new ColdRun(key, true, perChannel * channels.size() / seconds, (finished[0] - launched) / 1e9, toFirst,
				cpu, (cpuAtSubscribe[0] < 0) ? -1 : cpu - cpuAtSubscribe[0],
				rss, writes, stored, calls[0], stopped ? "" : "did not stop within 60 s");
	}

	private List<String> command(char key, List<String> channels, int perChannel, String consumer) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String login = this.emulator.baseUrl().toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		if (key == 'a') {
			command.addAll(this.settings.sampleJvmArgs());
		}
		else if (key == 'e') {
			command.addAll(this.settings.baselineJvmArgs());
		}
		else {
			// for profiling the other subjects alike, e.g. -XX:StartFlightRecording=filename=/tmp/%p.jfr
			command.addAll(ColdSettings.words(System.getProperty("cold.other-jvm-args", "")));
		}
		command.add("-jar");
		switch (key) {
			case 'a' -> command.add(this.settings.sampleJar().toString());
			case 'e' -> command.add(this.settings.baselineSampleJar().toString());
			case 'b' -> {
				command.add(this.settings.benchmarkJar().toString());
				command.addAll(List.of("cold-subject", "minimal", login, Integer.toString(perChannel),
						String.join(",", channels)));
			}
			case 'c' -> {
				command.add(this.settings.benchmarkJar().toString());
				command.addAll(List.of("cold-subject", "core", login, Integer.toString(perChannel),
						String.join(",", channels)));
				return command;
			}
			case 'h' -> {
				command.add(this.settings.benchmarkJar().toString());
				command.addAll(List.of("cold-subject", "cometd-work", login, Integer.toString(perChannel),
						String.join(",", channels)));
				return command;
			}
			case 'd' -> {
				command.add(this.settings.benchmarkJar().toString());
				command.addAll(List.of("cold-subject", "cometd", login, Integer.toString(perChannel),
						String.join(",", channels)));
				return command;
			}
			case 'f', 'g' -> {
				command.add(this.settings.benchmarkJar().toString());
				command.addAll(List.of("cold-subject", "change-events", login, Integer.toString(perChannel),
						String.join(",", channels)));
				command.add("--cold.batch=" + (key == 'g'));
				if (key == 'g' && !this.settings.batchMaxSize().isBlank()) {
					command.add("--salesforce.streaming.listener.batch.max-size=" + this.settings.batchMaxSize());
				}
			}
			default -> throw new IllegalArgumentException("Unknown subject " + key);
		}
		// (a) and (b): configured as a user would, by properties
		command.add("--salesforce.streaming.login-url=" + login);
		command.add("--salesforce.streaming.auth.client-id=test-client-id");
		command.add("--salesforce.streaming.auth.client-secret=test-client-secret");
		command.add("--salesforce.streaming.auth.username=user@example.com");
		command.add("--salesforce.streaming.auth.password=pass");
		command.add("--spring.datasource.url=" + this.settings.jdbcUrl());
		command.add("--spring.datasource.username=" + this.settings.jdbcUser());
		command.add("--spring.datasource.password=" + this.settings.jdbcPassword());
		command.add("--salesforce.streaming.replay.table-name=" + TABLE);
		command.add("--salesforce.streaming.replay.consumer=" + consumer);
		command.add("--salesforce.streaming.replay.initialize-schema=always");
		command.add("--salesforce.streaming.replay.default=all");
		command.add("--server.port=0");
		command.add("--salesforce.streaming.max-message-size=" + MAX_MESSAGE_SIZE + "B");
		if (!this.settings.flushInterval().isBlank()) {
			command.add("--salesforce.streaming.replay.flush-interval=" + this.settings.flushInterval());
		}
		if (key == 'b' || key == 'f' || key == 'g') {
			command.add("--cold.channels=" + String.join(",", channels));
			// no web server and daemon client threads: without it the JVM would end as soon as it started
			command.add("--spring.main.keep-alive=true");
		}
		return command;
	}

	private static double cpuSeconds(Process process) {
		return process.toHandle().info().totalCpuDuration().map((d) -> d.toNanos() / 1e9).orElse(-1.0);
	}

	private static double peakRssMb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.settings.jdbcUrl(), this.settings.jdbcUser(),
				this.settings.jdbcPassword());
	}

	private void dropTable() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + TABLE);
		}
	}

	/** Rows inserted or updated in the table so far, by PostgreSQL's statistics (flushed at session end). */
	private long tableWrites() throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = ?")) {
			statement.setString(1, TABLE.toLowerCase());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getLong(1) : 0;
			}
		}
	}

	private boolean storedLast(String consumer, List<String> channels, long last) throws SQLException {
		Map<String, Long> stored = new HashMap<>();
		try (Connection connection = connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT channel, replay_id FROM " + TABLE + " WHERE consumer_id = ?")) {
			statement.setString(1, consumer);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					stored.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return channels.stream().allMatch((channel) -> Long.valueOf(last).equals(stored.get(channel)));
	}

}
