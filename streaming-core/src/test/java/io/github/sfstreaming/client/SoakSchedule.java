package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.emulator.EmulatorFaults;
import io.github.sfstreaming.emulator.EmulatorStats;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * The random part of the soak test: a sequence of steps, each a pause then one action: publish events, inject an
 * emulator fault, make the replay store fail or slow down, make the handler fail or slow down, stop, start,
 * restart (also with start racing stop), unsubscribe, subscribe. Every choice comes from one {@link Random} on
 * the test thread and depends only on the seed and on the schedule's own model of what it did (running or not,
 * which channels are unsubscribed), never on what the client did, so that a seed gives the same schedule on
 * every run; the client's threads interleave differently each time.
 */
final class SoakSchedule {

	private static final Logger logger = LoggerFactory.getLogger(SoakSchedule.class);

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

	/** Bayeux errors Salesforce sends that a client must survive, on any meta channel. */
	private static final List<String> BAYEUX_ERRORS = List.of(TOO_BUSY,
			"403::Organization concurrent user limit exceeded", "403::Unknown client", "401::Authentication invalid",
			"500::Internal Server Error");

	private static final List<String> META_CHANNELS = List.of("/meta/handshake", "/meta/connect", "/meta/subscribe",
			"/meta/unsubscribe", "/meta/disconnect");

	/** HTTP statuses a Bayeux request may get from Salesforce or a proxy in front of it, all retryable. */
	private static final int[] HTTP_ERRORS = { 401, 429, 500, 502, 503, 504 };

	private static final int RECENT = 40;

	private final Random random;

	private final SalesforceStreamingClient client;

	private final SalesforceStreamingEmulator emulator;

	private final FaultyReplayStore store;

	private final HandlerFaults handlerFaults;

	private final SoakLedger ledger;

	private final List<String> channels;

	private final long startNanos = System.nanoTime();

	private final Deque<String> recent = new ArrayDeque<>();

	private final Map<String, Integer> counts = new TreeMap<>();

	private final TreeSet<String> unsubscribed = new TreeSet<>();

	private final Set<String> without;

	private boolean running;

	/** The random schedule is over: what follows (the test's end checks) leaves nothing out. */
	private boolean over;

	private int steps;

	SoakSchedule(Random random, SalesforceStreamingClient client, SalesforceStreamingEmulator emulator,
			FaultyReplayStore store, HandlerFaults handlerFaults, SoakLedger ledger, List<String> channels,
			Set<String> without) {
		this.random = random;
		this.client = client;
		this.emulator = emulator;
		this.store = store;
		this.handlerFaults = handlerFaults;
		this.ledger = ledger;
		this.channels = channels;
		this.without = Set.copyOf(without);
		this.running = client.isRunning();
	}

	/**
	 * Runs steps until their pauses add up to {@code length}.
	 * @param afterEachStep runs after every step (to fail as soon as an invariant breaks)
	 */
	void run(Duration length, Runnable afterEachStep) throws InterruptedException {
		long planned = 0;
		while (planned < length.toMillis()) {
			int pause = this.random.nextInt(200);
			planned += pause;
			// the schedule's own rhythm, not synchronisation
			Thread.sleep(pause);
			step();
			this.steps++;
			afterEachStep.run();
		}
	}

	private void step() throws InterruptedException {
		int roll = this.random.nextInt(100);
		if (!this.running && roll < 30) {
			start();
		}
		else if (!this.unsubscribed.isEmpty() && roll < 8) {
			subscribe(pick(List.copyOf(this.unsubscribed)));
		}
		else if (roll < 55) {
			publish(pick(this.channels), (this.random.nextInt(20) == 0) ? 100 + this.random.nextInt(200)
					: 1 + this.random.nextInt(20));
		}
		else if (roll < 72) {
			emulatorFault();
		}
		else if (roll < 78) {
			storeFault();
		}
		else if (roll < 86) {
			handlerFault();
		}
		else {
			lifecycle();
		}
	}

	private void publish(String channel, int count) {
		if (skip("publish")) {
			return;
		}
		List<Long> ids = this.emulator.publish(channel, count, payload(channel));
		this.ledger.published(channel, ids);
		record("publish", count + " on " + channel + " (" + ids.get(0) + "-" + ids.get(ids.size() - 1) + ")");
	}

	/** {@code count} events on every channel, for checks that need fresh ones; not part of the random schedule. */
	Map<String, List<Long>> publishOnEveryChannel(int count) {
		Map<String, List<Long>> published = new TreeMap<>();
		for (String channel : this.channels) {
			List<Long> ids = this.emulator.publish(channel, count, payload(channel));
			this.ledger.published(channel, ids);
			published.put(channel, ids);
		}
		return published;
	}

	static String payload(String channel) {
		if (channel.startsWith("/u/")) {
			return "\"soak\"";
		}
		if (channel.startsWith("/event/")) {
			return "{\"Amount__c\":1}";
		}
		if (channel.startsWith("/data/")) {
			return "{\"Name\":\"Soak\"}";
		}
		return "{\"Id\":\"a01\"}";
	}

	private void emulatorFault() {
		EmulatorFaults faults = this.emulator.faults();
		switch (this.random.nextInt(11)) {
			case 0 -> {
				if (!skip("expireTokens")) {
					faults.expireTokens();
					record("expireTokens", "");
				}
			}
			case 1 -> {
				if (!skip("dropSessions")) {
					faults.dropSessions();
					record("dropSessions", "");
				}
			}
			case 2 -> {
				int status = HTTP_ERRORS[this.random.nextInt(HTTP_ERRORS.length)];
				int count = 1 + this.random.nextInt(3);
				if (!skip("httpError")) {
					faults.httpError(status, count);
					record("httpError", status + " x" + count);
				}
			}
			case 3 -> {
				Duration delay = Duration.ofMillis(100 + this.random.nextInt(2400));
				int count = 1 + this.random.nextInt(3);
				if (!skip("delay")) {
					faults.delay(delay, count);
					record("delay", delay.toMillis() + " ms x" + count);
				}
			}
			case 4 -> serverDisconnect();
			case 5, 6 -> {
				String meta = pick(META_CHANNELS);
				String error = pick(BAYEUX_ERRORS);
				int count = 1 + this.random.nextInt(3);
				if (!skip("bayeuxError")) {
					faults.bayeuxError(meta, error, count);
					record("bayeuxError", meta + " '" + error + "' x" + count);
				}
			}
			case 7 -> {
				if (!skip("dropSessionsAndExpireTokens")) {
					faults.dropSessions();
					faults.expireTokens();
					record("dropSessionsAndExpireTokens", "");
				}
			}
			case 8 -> {
				// rare and mild: events the client had not handled yet when dropped are excused from the check
				if (this.random.nextInt(3) == 0) {
					trimRetention(this.random.nextInt(200));
				}
				else {
					serverDisconnect();
				}
			}
			case 9 -> {
				String error = pick(BAYEUX_ERRORS);
				int count = 1 + this.random.nextInt(3);
				if (!skip("subscribeErrorsAndDropSessions")) {
					faults.bayeuxError("/meta/subscribe", error, count);
					faults.dropSessions();
					record("subscribeErrorsAndDropSessions", "'" + error + "' x" + count);
				}
			}
			default -> {
				int count = 1 + this.random.nextInt(2);
				if (!skip("http503AndDropSessions")) {
					faults.httpError(503, count);
					faults.dropSessions();
					record("http503AndDropSessions", "x" + count);
				}
			}
		}
	}

	private void serverDisconnect() {
		if (!skip("serverDisconnect")) {
			this.emulator.faults().serverDisconnect();
			record("serverDisconnect", "");
		}
	}

	private void trimRetention(int keepLast) {
		if (skip("trimRetention")) {
			return;
		}
		// excused before the events go: the client may learn of the trim (an invalid replay id) at once
		EmulatorStats stats = this.emulator.stats();
		for (String channel : this.channels) {
			EmulatorStats.ChannelStats channelStats = stats.channel(channel);
			if (channelStats != null) {
				this.ledger.excuseUpTo(channel, channelStats.lastReplayId() - keepLast);
			}
		}
		this.emulator.faults().trimRetention(keepLast);
		record("trimRetention", "keep " + keepLast);
	}

	private void storeFault() {
		if (this.random.nextBoolean()) {
			Duration duration = Duration.ofMillis(200 + this.random.nextInt(2800));
			if (!skip("storeDown")) {
				this.store.downFor(duration);
				record("storeDown", duration.toMillis() + " ms");
			}
		}
		else {
			Duration duration = Duration.ofMillis(1000 + this.random.nextInt(4000));
			int millis = 20 + this.random.nextInt(380);
			if (!skip("storeSlow")) {
				this.store.slowFor(duration, millis);
				record("storeSlow", millis + " ms per call for " + duration.toMillis() + " ms");
			}
		}
	}

	private void handlerFault() {
		Duration duration = Duration.ofMillis(500 + this.random.nextInt(3500));
		if (this.random.nextBoolean()) {
			int perMille = 50 + this.random.nextInt(450);
			if (!skip("handlerFailures")) {
				this.handlerFaults.failFor(duration, perMille);
				record("handlerFailures", perMille + "/1000 for " + duration.toMillis() + " ms");
			}
		}
		else {
			int millis = 1 + this.random.nextInt(30);
			if (!skip("handlerSlow")) {
				this.handlerFaults.slowFor(duration, millis);
				record("handlerSlow", millis + " ms per event for " + duration.toMillis() + " ms");
			}
		}
	}

	private void lifecycle() throws InterruptedException {
		if (!this.running) {
			start();
			return;
		}
		List<String> subscribed = new ArrayList<>(this.channels);
		subscribed.removeAll(this.unsubscribed);
		switch (this.random.nextInt(7)) {
			case 0 -> stop();
			case 1 -> {
				stop();
				start();
			}
			case 2 -> startRacingStop(this.random.nextInt(10));
			case 3, 4 -> {
				if (subscribed.isEmpty()) {
					stop();
				}
				else {
					unsubscribe(pick(subscribed));
				}
			}
			case 5 -> {
				if (subscribed.isEmpty()) {
					subscribe(pick(this.channels));
				}
				else {
					String channel = pick(subscribed);
					unsubscribe(channel);
					subscribe(channel);
				}
			}
			default -> {
				if (this.unsubscribed.isEmpty()) {
					stop();
				}
				else {
					subscribe(this.unsubscribed.first());
				}
			}
		}
	}

	void start() {
		if (skip("start")) {
			return;
		}
		this.ledger.runsStarting();
		this.client.start();
		this.running = true;
		record("start", "");
	}

	void stop() {
		if (skip("stop")) {
			return;
		}
		long begin = System.nanoTime();
		this.client.stop();
		this.running = false;
		record("stop", "took " + Duration.ofNanos(System.nanoTime() - begin).toMillis() + " ms");
	}

	/** Stops on another thread while starting on this one, {@code offsetMillis} later; ends running. */
	private void startRacingStop(int offsetMillis) throws InterruptedException {
		if (skip("startRacingStop")) {
			return;
		}
		this.ledger.runsStarting();
		Thread stopper = new Thread(this.client::stop, "soak-stopper");
		stopper.start();
		// the race's random offset, not synchronisation
		Thread.sleep(offsetMillis);
		this.client.start();
		stopper.join(Duration.ofSeconds(60).toMillis());
		if (stopper.isAlive()) {
			throw new AssertionError("stop() racing start() did not return within 60 s");
		}
		// whoever won, the schedule goes on with a running client (a start() more changes no random choice)
		boolean stoppedLast = !this.client.isRunning();
		if (stoppedLast) {
			start();
		}
		this.running = true;
		record("startRacingStop", "offset " + offsetMillis + " ms" + (stoppedLast ? ", stop won, started again" : ""));
	}

	void subscribe(String channel) {
		if (skip("subscribe")) {
			return;
		}
		this.ledger.runStarting(channel);
		this.unsubscribed.remove(channel);
		try {
			this.client.subscribe(channel, this.ledger);
			record("subscribe", channel);
		}
		catch (RuntimeException ex) {
			// the channel stays in the client's hands: what becomes of it is checked by the events it gets
			record("subscribe", channel + " threw " + ex);
			logger.warn("soak: subscribe({}) threw", channel, ex);
		}
	}

	private void unsubscribe(String channel) {
		if (skip("unsubscribe")) {
			return;
		}
		this.unsubscribed.add(channel);
		this.client.unsubscribe(channel);
		record("unsubscribe", channel);
	}

	/**
	 * Ends the random schedule: starts the client if the schedule left it stopped, and subscribes the channels it
	 * left unsubscribed.
	 */
	void resumeAll() {
		this.over = true;
		if (!this.running) {
			start();
		}
		for (String channel : List.copyOf(this.unsubscribed)) {
			subscribe(channel);
		}
	}

	/** Whether an action is left out of this run ({@code -Dsoak.without}); the random draws stay the same. */
	private boolean skip(String action) {
		if (!this.over && this.without.contains(action)) {
			this.counts.merge("skipped " + action, 1, Integer::sum);
			return true;
		}
		return false;
	}

	private <T> T pick(List<T> list) {
		return list.get(this.random.nextInt(list.size()));
	}

	private void record(String action, String detail) {
		this.counts.merge(action, 1, Integer::sum);
		String line = String.format("%7d ms  step %4d  %s %s", Duration.ofNanos(System.nanoTime() - this.startNanos)
			.toMillis(), this.steps, action, detail);
		logger.info("soak: {}", line);
		synchronized (this.recent) {
			this.recent.addLast(line);
			if (this.recent.size() > RECENT) {
				this.recent.removeFirst();
			}
		}
	}

	int steps() {
		return this.steps;
	}

	/** How many times each action was taken. */
	Map<String, Integer> counts() {
		return new TreeMap<>(this.counts);
	}

	/** The last actions, oldest first, with their time since the schedule began. */
	List<String> recent() {
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

}
