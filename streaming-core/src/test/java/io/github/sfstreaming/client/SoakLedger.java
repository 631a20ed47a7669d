package io.github.sfstreaming.client;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The soak test's book of what was published and what the handler saw, per channel, and the handler itself.
 * It checks, as the client runs, the invariants that can be checked at the moment they could break:
 * <ul>
 * <li><b>stored only after handled:</b> a replay id the client stores must belong to an event the handler
 * handled (returned normally for) before;</li>
 * <li><b>nothing lost by a crash:</b> when the client stores replay id {@code X}, every event published with an
 * id up to {@code X} must have been handled: a process that died right after that store would resume after
 * {@code X} and never see the others. Checked at every store call, it covers a crash at any moment;</li>
 * <li><b>one at a time:</b> the handler never runs for two events of one channel at once;</li>
 * <li><b>per-channel order:</b> within a <em>run</em> the replay ids the handler sees on a channel increase
 * (repeats of an id are allowed: at-least-once). A run of a channel starts with each {@code start()} of the
 * client and each {@code subscribe} of the channel: a new run resumes from the stored id, so its ids may start
 * lower than the last one of the run before. The handler cannot tell where a run starts (events received before
 * an unsubscribe are still handled after it), so what is checked is the consequence: the number of times the
 * ids of a channel went down never exceeds the number of runs started after the first.</li>
 * </ul>
 * Every published event is <em>required</em>: the test publishes on a channel only once its first subscription
 * was confirmed, and from then on nothing published may be lost, across faults, stops, restarts and
 * unsubscriptions, whatever the client's default replay position. The one exception is an event the emulator
 * dropped from its retention window (trimRetention) before the client handled it: it is <em>excused</em>.
 */
final class SoakLedger implements EventHandler {

	private static final int MAX_VIOLATIONS = 50;

	private final Map<String, Channel> channels;

	private final HandlerFaults faults;

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final AtomicInteger violationCount = new AtomicInteger();

	private volatile boolean trimmed;

	SoakLedger(Collection<String> channelNames, HandlerFaults faults) {
		Map<String, Channel> channels = new LinkedHashMap<>();
		channelNames.forEach((name) -> channels.put(name, new Channel(name)));
		this.channels = Map.copyOf(channels);
		this.faults = faults;
	}

	/** The test published these events; from now on they must be handled. */
	void published(String channel, List<Long> replayIds) {
		channel(channel).published(replayIds);
	}

	/** The emulator is about to drop every event up to {@code lastDropped}: those not handled yet are excused. */
	void excuseUpTo(String channel, long lastDropped) {
		this.trimmed = true;
		channel(channel).excuseUpTo(lastDropped);
	}

	/** A new run of a channel is about to start (a subscribe of it). */
	void runStarting(String channel) {
		channel(channel).runs.incrementAndGet();
	}

	/** A new run of every channel is about to start (a start of the client). */
	void runsStarting() {
		this.channels.values().forEach((channel) -> channel.runs.incrementAndGet());
	}

	@Override
	public void handle(StreamingEvent event) throws Exception {
		Channel channel = this.channels.get(event.channel());
		if (channel == null) {
			violation("the handler got an event of " + event.channel() + ", a channel it never subscribed");
			return;
		}
		long replayId = event.replayId();
		if (channel.inHandler.incrementAndGet() > 1) {
			violation("the handler of " + channel.name + " ran for two events at once (one was " + replayId
					+ "): a channel's events must be handled one at a time");
		}
		try {
			int attempt = channel.delivered(replayId);
			this.faults.beforeHandling(channel.name, replayId, attempt);
			// recorded before returning: once the client may store the id, the event counts as handled
			channel.handled(replayId);
		}
		finally {
			channel.inHandler.decrementAndGet();
		}
	}

	/** The client is storing a replay id: checks it was handled, and everything up to it too. */
	void storing(String channel, long replayId) {
		Channel record = this.channels.get(channel);
		if (record == null) {
			violation("the client stored replay id " + replayId + " of " + channel + ", a channel never subscribed");
			return;
		}
		String problem = record.checkStore(replayId);
		if (problem != null) {
			violation(problem);
		}
	}

	/** The client reset a channel's stored id: only a replay id the emulator dropped may make it do that. */
	void resetting(String channel) {
		if (!this.trimmed) {
			violation("the client reset the stored replay id of " + channel
					+ " although the emulator never dropped an event from its retention window");
		}
	}

	void violation(String problem) {
		if (this.violationCount.incrementAndGet() <= MAX_VIOLATIONS) {
			this.violations.add(problem);
		}
	}

	/** The invariants broken so far (the first ones), with the total count. */
	List<String> violations() {
		List<String> list = new ArrayList<>(this.violations);
		int total = this.violationCount.get();
		if (total > list.size()) {
			list.add("... " + (total - list.size()) + " more");
		}
		return list;
	}

	/** The ids among {@code replayIds} of a channel that were not handled. */
	List<Long> unhandled(String channel, Collection<Long> replayIds) {
		return channel(channel).unhandled(replayIds);
	}

	/** Per channel with required events not handled: how many, and the first ones. */
	Map<String, String> missing() {
		Map<String, String> missing = new LinkedHashMap<>();
		this.channels.values().forEach((channel) -> {
			String description = channel.missing();
			if (description != null) {
				missing.put(channel.name, description);
			}
		});
		return missing;
	}

	/** The last replay id published on a channel, or 0. */
	long lastPublished(String channel) {
		return channel(channel).lastPublished();
	}

	/** Counts per channel, for the report. */
	String summary() {
		StringBuilder summary = new StringBuilder();
		this.channels.values().forEach((channel) -> summary.append(channel.summary()).append('\n'));
		return summary.toString();
	}

	/** Totals over every channel: published, handled once or more, deliveries, excused. */
	long[] totals() {
		long[] totals = new long[4];
		for (Channel channel : this.channels.values()) {
			long[] counts = channel.counts();
			for (int i = 0; i < totals.length; i++) {
				totals[i] += counts[i];
			}
		}
		return totals;
	}

	private Channel channel(String name) {
		Channel channel = this.channels.get(name);
		if (channel == null) {
			throw new IllegalArgumentException("not a soak channel: " + name);
		}
		return channel;
	}

	private static int index(long replayId) {
		if (replayId < 0 || replayId >= Integer.MAX_VALUE) {
			throw new IllegalArgumentException("replay id " + replayId + " out of the soak test's range");
		}
		return (int) replayId;
	}

	/** One channel's book. Guarded by its own monitor, except the counters. */
	private final class Channel {

		final String name;

		final AtomicInteger inHandler = new AtomicInteger();

		/** Runs started: the first subscription, then every start() of the client and subscribe of the channel. */
		final AtomicInteger runs = new AtomicInteger(1);

		private final BitSet published = new BitSet();

		private final BitSet handled = new BitSet();

		/** Published, not handled, not excused. */
		private final BitSet outstanding = new BitSet();

		private final BitSet excused = new BitSet();

		private final Map<Long, Integer> deliveries = new HashMap<>();

		private long lastPublished;

		private long lastSeen = -1;

		private int decreases;

		private long deliveryCount;

		Channel(String name) {
			this.name = name;
		}

		synchronized void published(List<Long> replayIds) {
			for (long replayId : replayIds) {
				int index = index(replayId);
				this.published.set(index);
				if (!this.handled.get(index)) {
					this.outstanding.set(index);
				}
				this.lastPublished = Math.max(this.lastPublished, replayId);
			}
		}

		synchronized void excuseUpTo(long lastDropped) {
			if (lastDropped < 1) {
				return;
			}
			int end = index(lastDropped) + 1;
			BitSet dropped = this.outstanding.get(0, end);
			this.excused.or(dropped);
			this.outstanding.clear(0, end);
		}

		/** Records a delivery; returns how many deliveries of the same id came before it. */
		synchronized int delivered(long replayId) {
			this.deliveryCount++;
			if (this.lastSeen >= 0 && replayId < this.lastSeen) {
				this.decreases++;
				int restarts = this.runs.get() - 1;
				if (this.decreases > restarts) {
					violation("replay ids of " + this.name + " went down (" + this.lastSeen + " then " + replayId
							+ "), " + this.decreases + " times in all, but only " + restarts
							+ " new run(s) were started (start, subscribe): events of a channel must reach its "
							+ "handler in replay-id order");
				}
			}
			this.lastSeen = replayId;
			return this.deliveries.merge(replayId, 1, Integer::sum) - 1;
		}

		synchronized void handled(long replayId) {
			int index = index(replayId);
			this.handled.set(index);
			this.outstanding.clear(index);
		}

		synchronized String checkStore(long replayId) {
			int index = index(replayId);
			if (!this.handled.get(index)) {
				String published = this.published.get(index) ? "published" : "not published";
				return "the client stored replay id " + replayId + " of " + this.name + " before handling its event ("
						+ published + ", delivered " + this.deliveries.getOrDefault(replayId, 0) + " time(s))";
			}
			int first = this.outstanding.nextSetBit(0);
			if (first >= 0 && first <= index) {
				int count = this.outstanding.get(0, index + 1).cardinality();
				return "the client stored replay id " + replayId + " of " + this.name + " while " + count
						+ " event(s) published before it were never handled, the first " + first + " (delivered "
						+ this.deliveries.getOrDefault((long) first, 0)
						+ " time(s)): a crash now would lose them, as would any restart";
			}
			return null;
		}

		synchronized List<Long> unhandled(Collection<Long> replayIds) {
			List<Long> unhandled = new ArrayList<>();
			for (long replayId : replayIds) {
				if (!this.handled.get(index(replayId))) {
					unhandled.add(replayId);
				}
			}
			return unhandled;
		}

		synchronized String missing() {
			int count = this.outstanding.cardinality();
			if (count == 0) {
				return null;
			}
			List<Long> first = new ArrayList<>();
			for (int i = this.outstanding.nextSetBit(0); i >= 0 && first.size() < 20;
					i = this.outstanding.nextSetBit(i + 1)) {
				first.add((long) i);
			}
			List<Long> delivered = new ArrayList<>();
			first.forEach((id) -> delivered.add((long) this.deliveries.getOrDefault(id, 0)));
			return count + " not handled of " + this.published.cardinality() + " published; first " + first
					+ ", delivered (failed) that many times: " + delivered;
		}

		synchronized long lastPublished() {
			return this.lastPublished;
		}

		synchronized long[] counts() {
			return new long[] { this.published.cardinality(), this.handled.cardinality(), this.deliveryCount,
					this.excused.cardinality() };
		}

		synchronized String summary() {
			return this.name + ": published " + this.published.cardinality() + " (last " + this.lastPublished
					+ "), handled " + this.handled.cardinality() + ", deliveries " + this.deliveryCount + ", excused "
					+ this.excused.cardinality() + ", id decreases " + this.decreases + " over " + this.runs.get()
					+ " run(s)";
		}

	}

}
