package io.github.sfstreaming.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

import org.cometd.bayeux.server.ServerSession;

/**
 * One channel: its retained events and its live subscribers.
 * <p>
 * Publishing and subscribing take the same lock, so a subscriber gets the retained events after its replay id and
 * then every later event, in order, with no gap and no duplicate, however they interleave.
 */
final class ChannelLog {

	private final String channel;

	private final ChannelKind kind;

	private final ReentrantLock lock = new ReentrantLock();

	private final Deque<RetainedEvent> events = new ArrayDeque<>();

	private final Set<ServerSession> subscribers = new LinkedHashSet<>();

	/** Told of each new event after it is appended: the Pub/Sub streams, which read the log at their own pace. */
	private final Set<Runnable> watchers = new CopyOnWriteArraySet<>();

	private long lastReplayId;

	/** The newest replay id no longer retained: replay ids at or below it are invalid. */
	private long lastDroppedReplayId;

	private long publishedCount;

	ChannelLog(String channel) {
		this.channel = channel;
		this.kind = ChannelKind.of(channel);
	}

	String channel() {
		return this.channel;
	}

	ChannelKind kind() {
		return this.kind;
	}

	/**
	 * Appends an event and delivers it to every live subscriber.
	 * @param now the publication time
	 * @param dataForReplayId builds the message data for the new replay id
	 * @param retention the retention window
	 * @param sink delivers to one session
	 * @return the new event's replay id
	 */
	long publish(Instant now, LongFunction<Map<String, Object>> dataForReplayId, Retention retention,
			EventSink sink) {
		long replayId = append(now, dataForReplayId, retention, sink);
		for (Runnable watcher : this.watchers) {
			watcher.run();
		}
		return replayId;
	}

	private long append(Instant now, LongFunction<Map<String, Object>> dataForReplayId, Retention retention,
			EventSink sink) {
		this.lock.lock();
		try {
			long replayId = this.lastReplayId + 1;
			RetainedEvent event = new RetainedEvent(replayId, now, dataForReplayId.apply(replayId));
			this.lastReplayId = replayId;
			this.publishedCount++;
			this.events.addLast(event);
			trim(now, retention);
			for (ServerSession session : this.subscribers) {
				sink.deliver(session, this.channel, event);
			}
			return replayId;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether a subscription may start from the given replay id: {@code -1}, {@code -2}, or an id from the newest
	 * one no longer retained (exclusive) up to the last one published.
	 */
	boolean isValidReplayId(long replayId, Instant now, Retention retention) {
		if (replayId == -1 || replayId == -2) {
			return true;
		}
		this.lock.lock();
		try {
			trim(now, retention);
			return replayId > this.lastDroppedReplayId && replayId <= this.lastReplayId
					|| replayId == 0 && this.lastDroppedReplayId == 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Makes the session a live subscriber, first delivering the retained events after {@code replayFrom} ({@code -2}:
	 * all, {@code -1}: none). Does nothing if the session already is a subscriber.
	 * @return the number of retained events delivered
	 */
	int subscribe(ServerSession session, long replayFrom, Instant now, Retention retention, EventSink sink) {
		this.lock.lock();
		try {
			if (this.subscribers.contains(session)) {
				return 0;
			}
			trim(now, retention);
			int replayed = 0;
			if (replayFrom != -1) {
				for (RetainedEvent event : this.events) {
					if (replayFrom == -2 || event.replayId() > replayFrom) {
						sink.deliver(session, this.channel, event);
						replayed++;
					}
				}
			}
			this.subscribers.add(session);
			return replayed;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Runs the watcher after each event appended from now on, outside the log's lock. */
	void watch(Runnable watcher) {
		this.watchers.add(watcher);
	}

	void unwatch(Runnable watcher) {
		this.watchers.remove(watcher);
	}

	/**
	 * The retained events after a replay id, oldest first.
	 * @param after the replay id to read after
	 * @param max at most this many events
	 */
	List<RetainedEvent> after(long after, int max, Instant now, Retention retention) {
		this.lock.lock();
		try {
			trim(now, retention);
			List<RetainedEvent> found = new ArrayList<>();
			if (this.events.isEmpty() || after >= this.lastReplayId || max < 1) {
				return found;
			}
			// Retained replay ids are consecutive: walk in from the nearer end, so that a live stream near the
			// tail reads only its new events however long the log.
			long first = this.events.peekFirst().replayId();
			if (after - first < this.lastReplayId - after) {
				for (RetainedEvent event : this.events) {
					if (found.size() >= max) {
						break;
					}
					if (event.replayId() > after) {
						found.add(event);
					}
				}
				return found;
			}
			Iterator<RetainedEvent> newestFirst = this.events.descendingIterator();
			while (newestFirst.hasNext()) {
				RetainedEvent event = newestFirst.next();
				if (event.replayId() <= after) {
					break;
				}
				found.add(event);
			}
			Collections.reverse(found);
			return (found.size() > max) ? new ArrayList<>(found.subList(0, max)) : found;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The replay id after which the retained events start (the newest one dropped, or 0) and the last one
	 * published.
	 */
	Bounds bounds(Instant now, Retention retention) {
		this.lock.lock();
		try {
			trim(now, retention);
			return new Bounds(this.lastDroppedReplayId, this.lastReplayId);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The retained events are those with replay ids above {@code lastDropped} up to {@code last}. */
	record Bounds(long lastDropped, long last) {
	}

	void unsubscribe(ServerSession session) {
		this.lock.lock();
		try {
			this.subscribers.remove(session);
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isSubscribed(ServerSession session) {
		this.lock.lock();
		try {
			return this.subscribers.contains(session);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Keeps only the last {@code keepLast} events. */
	void keepLast(int keepLast) {
		this.lock.lock();
		try {
			while (this.events.size() > Math.max(0, keepLast)) {
				this.lastDroppedReplayId = this.events.removeFirst().replayId();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Forgets every event and subscriber; replay ids start again from 1. */
	void clear() {
		this.lock.lock();
		try {
			this.events.clear();
			this.subscribers.clear();
			this.lastReplayId = 0;
			this.lastDroppedReplayId = 0;
			this.publishedCount = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	EmulatorStats.ChannelStats stats(Instant now, Retention retention) {
		this.lock.lock();
		try {
			trim(now, retention);
			List<String> subscriberIds = new ArrayList<>();
			for (ServerSession session : this.subscribers) {
				subscriberIds.add(session.getId());
			}
			long oldest = this.events.isEmpty() ? 0 : this.events.peekFirst().replayId();
			return new EmulatorStats.ChannelStats(this.channel, this.publishedCount, this.lastReplayId,
					this.events.size(), oldest, List.copyOf(subscriberIds));
		}
		finally {
			this.lock.unlock();
		}
	}

	private void trim(Instant now, Retention retention) {
		while (!this.events.isEmpty() && (this.events.size() > retention.maxEvents()
				|| retention.expired(this.events.peekFirst().publishedAt(), now))) {
			this.lastDroppedReplayId = this.events.removeFirst().replayId();
		}
	}

}
