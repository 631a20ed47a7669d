package io.github.sfstreaming.pubsub;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sink as the core's dispatcher would be: a bounded buffer whose events the test handles when it chooses,
 * storing each one's replay id only once handled; keep-alive positions stored only with nothing in hand.
 */
final class TestSink implements PubSubSink {

	private final int capacity;

	private final Deque<PubSubEvent> buffer = new ArrayDeque<>();

	final List<PubSubEvent> handled = new CopyOnWriteArrayList<>();

	final List<PubSubReplayId> keepAlives = new CopyOnWriteArrayList<>();

	final AtomicReference<PubSubReplayId> stored = new AtomicReference<>();

	final AtomicReference<PubSubException> failure = new AtomicReference<>();

	final AtomicInteger resumes = new AtomicInteger();

	final AtomicBoolean overflow = new AtomicBoolean();

	private final PubSubStart initial;

	volatile PubSubSubscriber subscriber;

	TestSink(int capacity, PubSubStart initial) {
		this.capacity = capacity;
		this.initial = initial;
	}

	@Override
	public PubSubStart resumeFrom() {
		this.resumes.incrementAndGet();
		PubSubReplayId position = this.stored.get();
		return (position != null) ? PubSubStart.after(position) : this.initial;
	}

	@Override
	public synchronized int freeSlots() {
		return this.capacity - this.buffer.size();
	}

	@Override
	public synchronized void accept(PubSubEvent event) {
		if (this.buffer.size() >= this.capacity) {
			this.overflow.set(true);
		}
		this.buffer.addLast(event);
	}

	@Override
	public synchronized void keepAlive(PubSubReplayId latest) {
		this.keepAlives.add(latest);
		if (this.buffer.isEmpty()) {
			this.stored.set(latest);
		}
	}

	@Override
	public void failed(PubSubException error) {
		this.failure.set(error);
	}

	synchronized int inHand() {
		return this.buffer.size();
	}

	/** Handles every event in hand, storing each position after it, then tells the subscriber of the room. */
	void handleAll() {
		boolean freed = false;
		while (true) {
			PubSubEvent event;
			synchronized (this) {
				event = this.buffer.pollFirst();
			}
			if (event == null) {
				break;
			}
			this.handled.add(event);
			this.stored.set(event.replayId());
			freed = true;
		}
		if (freed && this.subscriber != null) {
			this.subscriber.roomFreed();
		}
	}

}
