package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * Hands events to their handlers: one event at a time per channel, in arrival (replay-id) order, on a bounded
 * pool, never on the polling thread. Counts the events in hand so that polling pauses when the buffer is
 * full, drops redelivered events (replay id not above the last one accepted for the channel), and stores a
 * replay id only after its event was handled, and never past a lower event that was received and not handled.
 * While a streamed response is open (its events are handled as they are read, see {@link #responseOpened()}),
 * handled ids are held back and stored once the whole response is in.
 */
final class EventDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

	/** Events handled per turn of a channel before other channels get the thread. */
	private static final int BATCH = 32;

	/** Marks handler threads, so that a handler that stops the client does not wait for itself. */
	private static final ThreadLocal<Boolean> onHandlerThread = ThreadLocal.withInitial(() -> false);

	private final ReplayStore replayStore;

	private final StreamingClientListener listener;

	private final EventBroadcaster broadcaster;

	private final int bufferSize;

	private final int concurrency;

	private final ClientThreads threads;

	private final Map<String, ChannelQueue> queues = new ConcurrentHashMap<>();

	private final Object capacityMonitor = new Object();

	private volatile @Nullable Runnable roomListener;

	/**
	 * The channels that events were offered for since a streamed response opened, or {@code null} while none is
	 * open: then handled ids are held back rather than stored, since a lower event of the same response may
	 * still be on its way.
	 */
	private volatile @Nullable Set<String> openResponse;

	/** Run by a turn between settling its replay id and deciding whether another turn follows (for tests). */
	private volatile @Nullable Runnable turnEnding;

	/** The run between a start and a stop; a stopped one is never reused. */
	private volatile Run run = Run.STOPPED;

	EventDispatcher(ReplayStore replayStore, StreamingClientListener listener, EventBroadcaster broadcaster,
			int bufferSize, int concurrency) {
		this(replayStore, listener, broadcaster, bufferSize, concurrency, ClientThreads.DEFAULT);
	}

	EventDispatcher(ReplayStore replayStore, StreamingClientListener listener, EventBroadcaster broadcaster,
			int bufferSize, int concurrency, ClientThreads threads) {
		this.threads = threads;
		this.replayStore = replayStore;
		this.listener = listener;
		this.broadcaster = broadcaster;
		this.bufferSize = bufferSize;
		this.concurrency = concurrency;
	}

	/** What became of an offered event. */
	enum Offer {

		/** Queued for its handler. */
		QUEUED,

		/** Accepted once already: dropped. */
		DUPLICATE,

		/** Not queued because the dispatcher is stopping or stopped: the next start receives it again. */
		REFUSED

	}

	/**
	 * One run of the dispatcher: its handler threads, the count of events in hand and whether it stops. Handler
	 * threads that outlive a stop (a handler that ignores interruption) belong to the old run and leave the
	 * channels' queues to the new one.
	 */
	private static final class Run {

		static final Run STOPPED = new Run(null);

		final @Nullable ExecutorService executor;

		final AtomicInteger inHand = new AtomicInteger();

		volatile boolean stopping;

		Run(@Nullable ExecutorService executor) {
			this.executor = executor;
			this.stopping = executor == null;
		}

	}

	void start() {
		this.openResponse = null;
		this.run = new Run(this.threads.handlerPool(this.concurrency, (task) -> () -> {
			onHandlerThread.set(true);
			task.run();
		}));
	}

	/**
	 * Queues an event for its handler, unless it was already accepted once or the dispatcher is stopping.
	 * @return what became of it
	 */
	Offer offer(StreamingEvent event, @Nullable EventHandler handler) {
		return offer(event, event.replayId(), null, handler);
	}

	/**
	 * Queues an event whose replay id is opaque (a Pub/Sub id), in the order {@code id} gives.
	 * @param id the event's place in its channel's order: its CometD replay id, or for an opaque id a number that
	 * increases with each event of the channel
	 * @param position its opaque replay id to store once handled, or {@code null} to store {@code id}
	 * @return what became of it
	 */
	Offer offer(StreamingEvent event, long id, @Nullable ReplayPosition position, @Nullable EventHandler handler) {
		Run run = this.run;
		ExecutorService executor = run.executor;
		if (executor == null || run.stopping) {
			return Offer.REFUSED;
		}
		Set<String> open = this.openResponse;
		if (open != null) {
			// before it can be handled, so that a failing response forgets it (see responseFailed)
			open.add(event.channel());
		}
		ChannelQueue queue = this.queues.computeIfAbsent(event.channel(), ChannelQueue::new);
		synchronized (queue) {
			if (!queue.firstSeen(id)) {
				logger.debug("Dropped redelivered event {} of {}", id, event.channel());
				return Offer.DUPLICATE;
			}
			if (id < queue.lastAccepted) {
				// e.g. a subscribe reply that carried older events than a connect reply handled before it
				logger.debug("Event {} of {} arrived after {}; queued in replay-id order", id, event.channel(),
						queue.lastAccepted);
			}
			queue.lastAccepted = Math.max(queue.lastAccepted, id);
			queue.lastReceived = queue.lastAccepted;
			queue.lastEventTime = Instant.now();
			queue.items.add(new Item(event, handler, queue.arrivals++, id, position));
			run.inHand.incrementAndGet();
			if (queue.scheduledBy != run) {
				queue.scheduledBy = run;
				execute(run, queue);
			}
		}
		return Offer.QUEUED;
	}

	private void execute(Run run, ChannelQueue queue) {
		ExecutorService executor = run.executor;
		try {
			if (executor == null) {
				throw new RejectedExecutionException("stopped");
			}
			executor.execute(() -> drain(run, queue));
		}
		catch (RejectedExecutionException ex) {
			// stopping: stop() drops what is queued
			synchronized (queue) {
				if (queue.scheduledBy == run) {
					queue.scheduledBy = null;
				}
			}
		}
	}

	private void drain(Run run, ChannelQueue queue) {
		// One channel's events are handled by one thread at a time, even across a stop and a start: a handler of
		// the old run that outlived the stop keeps the lock until it returns.
		queue.handling.lock();
		try {
			drainLocked(run, queue);
		}
		finally {
			queue.handling.unlock();
		}
	}

	private void drainLocked(Run run, ChannelQueue queue) {
		// The highest replay id handled in this turn: stored once at its end, not once per event, so that a
		// write-through store costs one write per batch. A crash repeats at most one batch (at-least-once).
		@Nullable Item lastHandled = null;
		long epoch;
		synchronized (queue) {
			epoch = queue.epoch;
		}
		try {
			for (int i = 0; i < BATCH; i++) {
				Item item;
				List<Item> batch;
				synchronized (queue) {
					// when stopping, stop() drops what is queued
					item = (run.stopping || queue.epoch != epoch) ? null : queue.items.poll();
					if (item == null) {
						// nothing (more) for this turn; below: whether another follows (if the channel was
						// forgotten meanwhile, the new subscription's events may have been queued while this turn
						// still held the channel)
						break;
					}
					queue.inHandler = item.id();
					batch = batchOf(queue, item);
				}
				int released = batch.size();
				try {
					int handled = (batch.size() == 1) ? (handle(run, item) ? 1 : 0) : handleBatch(run, batch);
					for (int k = 0; k < handled; k++) {
						Item handledItem = batch.get(k);
						if (mayStore(queue, handledItem, epoch)) {
							lastHandled = handledItem;
						}
					}
					if (handled < batch.size()) {
						failed(queue, batch.get(handled), epoch);
						// the ones after it are handed over again, as events after a failed one are
						released = requeue(queue, batch.subList(handled + 1, batch.size()), released);
					}
				}
				finally {
					synchronized (queue) {
						queue.inHandler = -1;
					}
					released(run, released);
				}
				i += batch.size() - 1;
			}
		}
		finally {
			Item toStore = settle(queue, lastHandled, epoch);
			if (toStore != null) {
				store(toStore, queue, epoch);
			}
		}
		Runnable turnEnding = this.turnEnding;
		if (turnEnding != null) {
			turnEnding.run();
		}
		synchronized (queue) {
			// A held-back id due for storing needs a turn too (see responseCompleted): read under the queue's
			// monitor, as settle and releaseHeldBack read and write it.
			boolean storeDue = queue.heldBack != null && this.openResponse == null;
			if (run.stopping || (queue.items.isEmpty() && !storeDue)) {
				if (queue.scheduledBy == run) {
					queue.scheduledBy = null;
				}
				return;
			}
		}
		// Let other channels have the thread, then carry on.
		execute(run, queue);
	}

	/**
	 * Decides at the end of a turn which handled event's id to store: the higher of the turn's last one and the
	 * one held back before. It is held back instead while a streamed response is open (a lower event of it may
	 * still come) or while a lower event is received and not handled (queued, or dropped by a stop); it is
	 * dropped if it is past a failed event. A turn that started before the channel was forgotten stores nothing.
	 * @return the event whose id to store now, or {@code null}
	 */
	private @Nullable Item settle(ChannelQueue queue, @Nullable Item handled, long epoch) {
		synchronized (queue) {
			if (queue.epoch != epoch) {
				return null; // forgotten meanwhile: the new subscription starts from the stored id and brings it again
			}
			Item best = queue.beforeFailure(queue.heldBack);
			Item other = queue.beforeFailure(handled);
			if (best == null || (other != null && other.id() > best.id())) {
				Item higher = other;
				other = best;
				best = higher;
			}
			queue.heldBack = null;
			if (best == null) {
				return null;
			}
			if (this.openResponse != null) {
				queue.heldBack = best;
				return null;
			}
			if (queue.unhandledBelow(best.id())) {
				queue.heldBack = best;
				// the lower one may still be stored, so that what was handled below the gap is not received again
				return (other != null && !queue.unhandledBelow(other.id())) ? other : null;
			}
			return best;
		}
	}

	/**
	 * Marks the start of a streamed response, before its first event is offered: its events are handled as
	 * they are read, and one of them may come after a higher one was handled (a server may send them out of
	 * replay-id order), so until {@link #responseCompleted()} or {@link #responseFailed()} no replay id is
	 * stored; each channel's highest handled one is held back. Called by the one thread that reads responses.
	 */
	void responseOpened() {
		if (this.openResponse == null) {
			this.openResponse = ConcurrentHashMap.newKeySet();
		}
	}

	/**
	 * The streamed response was read whole: all its events were offered, so the held-back ids may be stored
	 * (each once no lower event of its channel waits for its handler).
	 */
	void responseCompleted() {
		if (this.openResponse != null) {
			this.openResponse = null;
			releaseHeldBack();
		}
	}

	/**
	 * The streamed response failed or was cut before its end: events of it may be missing, lower than some that
	 * were handled. The channels it brought events for are forgotten back to their stored ids (as after an
	 * unsubscribe: the held-back ids are dropped, the queued events too, and the redelivery filter is narrowed),
	 * so that the next subscription, which starts from the stored id, brings all of them again: at-least-once,
	 * never a loss. Other channels' held-back ids came from whole responses and are stored as on completion.
	 */
	void responseFailed() {
		Set<String> open = this.openResponse;
		if (open == null) {
			return;
		}
		// forgotten while still open, so that no turn can store one of their held-back ids in between
		open.forEach(this::forgetUnhandled);
		this.openResponse = null;
		releaseHeldBack();
	}

	/**
	 * Has a turn run for each channel with a held-back id, which stores it. Race-free with a turn that ends as
	 * the response completes: the turn decides, under the queue's monitor, both whether to hold its id back
	 * (settle, reading {@link #openResponse}) and whether to end without another turn (reading it and
	 * {@code heldBack} again); this method clears {@link #openResponse} first and then, under the same monitor,
	 * looks for a held-back id and a scheduled turn. If the turn's end came first, its held-back id is seen here
	 * and, the turn no longer being scheduled, a new one is; if this came first, the turn sees the response
	 * closed, so settle stores the id itself, or its end finds it held back and due and runs another turn.
	 */
	private void releaseHeldBack() {
		Run run = this.run;
		for (ChannelQueue queue : this.queues.values()) {
			synchronized (queue) {
				if (queue.heldBack != null && queue.scheduledBy != run && !run.stopping) {
					queue.scheduledBy = run;
					execute(run, queue);
				}
			}
		}
	}

	/**
	 * An event was not handled: from now on the channel's stored replay id stays before it, so that it is
	 * delivered again (with the events after it) when the client starts again or the channel is subscribed
	 * anew, instead of being skipped by the id of a later event.
	 */
	private void failed(ChannelQueue queue, Item item, long epoch) {
		synchronized (queue) {
			if (queue.epoch != epoch) {
				return; // forgotten meanwhile: it comes again from the replay store anyway
			}
		}
		if (item.id() >= 0 && queue.failedAt < 0) {
			queue.failedAt = item.id();
			logger.error("Event {} of {} was not handled: replay ids of {} are not stored past it until it is "
					+ "handled, delivered again when the client is restarted or the channel subscribed again",
					item.describeId(), item.event().channel(), item.event().channel());
		}
	}

	/**
	 * The events handed over with {@code first}: more queued events of the channel when its handler takes batches
	 * (and has the same handler), up to its batch size; otherwise {@code first} alone. Called under the queue's
	 * monitor.
	 */
	private static List<Item> batchOf(ChannelQueue queue, Item first) {
		if (!(first.handler() instanceof BatchEventHandler handler)) {
			return List.of(first);
		}
		int size = handler.maxBatchSize();
		if (size <= 1) {
			return List.of(first);
		}
		List<Item> batch = new ArrayList<>(Math.min(size, queue.items.size() + 1));
		batch.add(first);
		for (Item next = queue.items.peek(); batch.size() < size && next != null && next.handler() == handler;
				next = queue.items.peek()) {
			batch.add(next);
			queue.items.poll();
		}
		return batch;
	}

	/**
	 * Hands a batch to its handler and to {@link SalesforceStreamingClient#events()} subscribers.
	 * @return how many of its events, from the first, were handled
	 */
	private int handleBatch(Run run, List<Item> batch) {
		if (!(batch.get(0).handler() instanceof BatchEventHandler handler)) {
			throw new IllegalStateException("Not a batch handler");
		}
		List<StreamingEvent> events = new ArrayList<>(batch.size());
		batch.forEach((item) -> events.add(item.event()));
		int handled = events.size();
		try {
			handler.handleBatch(events);
		}
		catch (Throwable ex) {
			handled = BatchFailedException.indexOf(ex, events.size());
			Item failed = batch.get(Math.min(handled, events.size() - 1));
			logger.error("Handler of {} failed on the event with replay id {} (index {} of a batch of {}); its replay "
					+ "id is not stored", failed.event().channel(), failed.describeId(), handled, events.size(), ex);
		}
		for (int k = 0; k < handled; k++) {
			try {
				if (!this.broadcaster.emit(events.get(k), false, () -> run.stopping)) {
					return k;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return k;
			}
		}
		return handled;
	}

	/**
	 * Puts events back at the head of their channel's queue (it orders by replay id), still counted in hand.
	 * @return how many events of the batch are released from the buffer's count
	 */
	private static int requeue(ChannelQueue queue, List<Item> items, int released) {
		synchronized (queue) {
			queue.items.addAll(items);
		}
		return released - items.size();
	}

	/**
	 * Hands one event to its handler and to {@link SalesforceStreamingClient#events()} subscribers.
	 * @return whether it was handled (the handler returned and the stream subscribers took it)
	 */
	private boolean handle(Run run, Item item) {
		StreamingEvent event = item.event();
		boolean handled = true;
		if (item.handler() != null) {
			try {
				item.handler().handle(event);
			}
			catch (Throwable ex) {
				handled = false;
				logger.error("Handler of {} failed on the event with replay id {}; its replay id is not stored",
						event.channel(), item.describeId(), ex);
			}
		}
		try {
			boolean delivered = this.broadcaster.emit(event, item.handler() == null, () -> run.stopping);
			handled = handled && delivered;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			handled = false;
		}
		return handled;
	}

	/**
	 * Whether a handled event's replay id may be stored: not if its channel's unhandled events were forgotten
	 * meanwhile, nor past a failed event, nor, after they were forgotten, before the lowest of them was handled
	 * again. Until then a late event of the old subscription (a response still in flight) may come before the
	 * new subscription brought the forgotten ones again, and storing its id would skip them.
	 */
	private static boolean mayStore(ChannelQueue queue, Item item, long epoch) {
		synchronized (queue) {
			if (queue.epoch != epoch) {
				return false;
			}
			if (queue.resumeAt >= 0) {
				if (item.id() != queue.resumeAt) {
					return false;
				}
				queue.resumeAt = -1;
			}
			return queue.failedAt < 0;
		}
	}

	private static boolean isEpoch(ChannelQueue queue, long epoch) {
		synchronized (queue) {
			return queue.epoch == epoch;
		}
	}

	private void store(Item item, ChannelQueue queue, long epoch) {
		if (!isEpoch(queue, epoch)) {
			return; // forgotten meanwhile: the new subscription starts from the stored id and brings it again
		}
		StreamingEvent event = item.event();
		ReplayPosition position = item.position();
		try {
			if (position != null) {
				this.replayStore.store(event.channel(), position, event.createdDate());
			}
			else {
				this.replayStore.store(event.channel(), item.id(), event.createdDate());
			}
			queue.lastStored = Math.max(queue.lastStored, item.id());
			this.listener.replayIdStored(event.channel(), (position != null) ? -1 : item.id());
		}
		catch (RuntimeException ex) {
			logger.error("Could not store replay id {} of {}", item.describeId(), event.channel(), ex);
		}
	}

	private void released(Run run, int count) {
		int inHand = run.inHand.addAndGet(-count);
		Runnable roomListener = this.roomListener;
		if (roomListener != null && count > 0) {
			roomListener.run();
		}
		if (inHand <= this.bufferSize / 2) {
			synchronized (this.capacityMonitor) {
				this.capacityMonitor.notifyAll();
			}
		}
	}

	/**
	 * Sets what to tell when handlers free room in the buffer (a transport with flow control asks for more).
	 * @param listener called on a handler's thread; quick; {@code null} for none
	 */
	void roomListener(@Nullable Runnable listener) {
		this.roomListener = listener;
	}

	/** Sets what a turn runs between settling its replay id and deciding whether another follows (for tests). */
	void turnEnding(@Nullable Runnable hook) {
		this.turnEnding = hook;
	}

	/** How many more events the buffer can take now. */
	int freeSlots() {
		return Math.max(0, this.bufferSize - this.run.inHand.get());
	}

	/** Whether any event of a channel is in hand: queued, in its handler, or failed and not stored past. */
	boolean hasInHand(String channel) {
		ChannelQueue queue = this.queues.get(channel);
		if (queue == null) {
			return false;
		}
		synchronized (queue) {
			return !queue.items.isEmpty() || queue.inHandler >= 0 || queue.failedAt >= 0 || queue.resumeAt >= 0
					|| queue.heldBack != null;
		}
	}

	/** Whether the buffer is full, so that the next connect must wait. */
	boolean isFull() {
		return this.run.inHand.get() >= this.bufferSize;
	}

	/** The number of events received and not yet handled. */
	int inHand() {
		return this.run.inHand.get();
	}

	/**
	 * Waits, when the buffer is full, until it is half empty.
	 * @param stop tells when to give up
	 */
	void awaitCapacity(BooleanSupplier stop) throws InterruptedException {
		Run run = this.run;
		if (run.inHand.get() < this.bufferSize) {
			return;
		}
		logger.info("{} events wait for their handlers (bufferSize {}): polling paused", run.inHand.get(),
				this.bufferSize);
		synchronized (this.capacityMonitor) {
			while (run.inHand.get() > this.bufferSize / 2 && !stop.getAsBoolean() && !run.stopping) {
				this.capacityMonitor.wait(200);
			}
		}
		logger.info("Polling resumed with {} events in hand", run.inHand.get());
	}

	/**
	 * Stops: drops the queued events (their ids are not stored, so they are delivered again on the next start),
	 * and waits for the events being handled.
	 * @param timeout how long to wait for them
	 */
	void stop(Duration timeout) {
		Run run = this.run;
		run.stopping = true;
		int dropped = 0;
		for (ChannelQueue queue : this.queues.values()) {
			synchronized (queue) {
				queue.rememberDropped();
				dropped += queue.items.size();
				queue.items.clear();
			}
		}
		released(run, dropped);
		ExecutorService executor = run.executor;
		if (executor == null) {
			return;
		}
		executor.shutdown();
		if (onHandlerThread.get()) {
			// stop() called by a handler: the other handlers finish on their own; waiting would wait for this one
			forgetUnhandled();
			this.run = Run.STOPPED;
			return;
		}
		try {
			if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Handlers did not finish within {} ms; interrupting them", timeout.toMillis());
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			executor.shutdownNow();
		}
		if (dropped > 0) {
			logger.info("Stopped with {} events not handled; the next start receives them again", dropped);
		}
		for (ChannelQueue queue : this.queues.values()) {
			synchronized (queue) {
				// a drain task discarded by shutdownNow() must not leave its channel marked as scheduled
				if (queue.scheduledBy == run) {
					queue.scheduledBy = null;
				}
			}
		}
		forgetUnhandled();
		this.run = Run.STOPPED;
	}

	/**
	 * After a stop, nothing is in hand any more: the redelivery filter must only cover what was stored, or the
	 * dropped events that the next subscription receives again would be taken for duplicates and lost.
	 */
	private void forgetUnhandled() {
		this.queues.keySet().forEach(this::forgetUnhandled);
	}

	/**
	 * Narrows a channel's redelivery filter to what was stored, for a new subscription after an unsubscribe:
	 * events that were received but whose handler did not handle them must be accepted when they come again.
	 * Events still queued may then arrive twice (at-least-once), never not at all.
	 * @param channel the channel
	 */
	void forgetUnhandled(String channel) {
		ChannelQueue queue = this.queues.get(channel);
		if (queue != null) {
			int dropped;
			synchronized (queue) {
				// what was received before is received again from the stored id: the queued events are dropped, and
				// an event in a handler now does not store its id, which could otherwise pass a failed one
				queue.rememberUnhandled();
				queue.epoch++;
				queue.heldBack = null;
				dropped = queue.items.size();
				queue.items.clear();
				queue.lastAccepted = queue.lastStored;
				queue.forgetAfter(queue.lastStored);
				queue.failedAt = -1;
			}
			released(this.run, dropped);
		}
	}

	/**
	 * The replay store forgot a channel's id that Salesforce rejected, and the channel starts again from the
	 * retained events or new ones: forgotten events it no longer retains are not awaited before storing ids.
	 * @param channel the channel
	 */
	void replayReset(String channel) {
		ChannelQueue queue = this.queues.get(channel);
		if (queue != null) {
			synchronized (queue) {
				queue.resumeAt = -1;
			}
		}
	}

	/** The replay id of the last event accepted for a channel, or {@code null} if none. */
	@Nullable Long lastAccepted(String channel) {
		ChannelQueue queue = this.queues.get(channel);
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			return (queue.lastAccepted >= 0) ? queue.lastAccepted : null;
		}
	}

	/** What is known of a channel: last received, last stored, last event time. */
	@Nullable ChannelQueue queue(String channel) {
		return this.queues.get(channel);
	}

	/**
	 * An event waiting for its handler.
	 * @param event the event
	 * @param handler its channel's handler when it was received
	 * @param arrival the order of arrival, which orders events without a replay id
	 */
	record Item(StreamingEvent event, @Nullable EventHandler handler, long arrival, long id,
			@Nullable ReplayPosition position) {

		/**
		 * Replay-id order; events without a replay id keep their place after the ones before them. One plain
		 * comparison: a backlog's queue compares a few dozen times per event, on a JVM that may not have compiled
		 * a chain of comparator lambdas yet.
		 */
		static final Comparator<Item> ORDER = (a, b) -> {
			int byId = Long.compare(a.orderKey(), b.orderKey());
			return (byId != 0) ? byId : Long.compare(a.arrival, b.arrival);
		};

		private long orderKey() {
			return (this.id >= 0) ? this.id : Long.MAX_VALUE;
		}

		/** The replay id for a log line: the CometD id, or the opaque one. */
		Object describeId() {
			ReplayPosition position = this.position;
			return (position != null) ? position : this.id;
		}

	}

	/** One channel's queue and what is known of its replay ids. Guarded by its own monitor. */
	static final class ChannelQueue {

		/**
		 * How many replay ids of a channel are remembered to recognise redeliveries. Events arrive in several
		 * responses (a subscribe reply may carry events too) that can be processed out of order, so a late,
		 * lower id is queued rather than taken for a redelivery; ids older than this window count as seen.
		 */
		static final int SEEN_WINDOW = 8192;

		final String channel;

		final Queue<Item> items = new PriorityQueue<>(Item.ORDER);

		private final NavigableSet<Long> seen = new TreeSet<>();

		/** Every id up to this one counts as seen (it fell out of the window). */
		private long seenFloor = -1;

		long arrivals;

		/** The run whose drain task is scheduled for this queue, or {@code null}. */
		@Nullable Run scheduledBy;

		/** Counts the times the channel's unhandled events were forgotten; a handler's outcome from before is void. */
		long epoch;

		/** Held while one of the channel's events is handled. */
		final ReentrantLock handling = new ReentrantLock();

		long lastAccepted = -1;

		volatile long lastReceived = -1;

		volatile long lastStored = -1;

		/** The replay id of the first event that was not handled, or {@code -1}; see {@code failed}. */
		volatile long failedAt = -1;

		/** The replay id of the event in the handler, or {@code -1}. */
		long inHandler = -1;

		/** The lowest replay id of the events a stop dropped before forgetting them, or {@code -1}. */
		long dropped = -1;

		/** A handled event whose id is not stored yet (see {@code settle}), or {@code null}. */
		@Nullable Item heldBack;

		/**
		 * The lowest replay id that was received and not handled when the channel's unhandled events were last
		 * forgotten, or {@code -1}: ids are not stored until it was handled again; see {@code mayStore}.
		 */
		long resumeAt = -1;

		volatile @Nullable Instant lastEventTime;

		ChannelQueue(String channel) {
			this.channel = channel;
		}

		/** Notes the lowest replay id of the queued events a stop drops, for the forget that follows. */
		void rememberDropped() {
			Item first = this.items.peek();
			if (first != null) {
				this.dropped = lowest(this.dropped, first.id());
			}
		}

		/**
		 * Sets {@link #resumeAt} to the lowest replay id received and not handled (queued or dropped at a stop,
		 * in the handler, failed, or still awaited since an earlier forget), as the queue forgets them.
		 */
		void rememberUnhandled() {
			long lowest = lowest(lowest(this.resumeAt, this.failedAt), lowest(this.inHandler, this.dropped));
			Item first = this.items.peek();
			if (first != null) {
				lowest = lowest(lowest, first.id());
			}
			this.dropped = -1;
			// one at or below the stored id is not delivered again (the new subscription starts after that id):
			// it was handled, since an id is never stored past an unhandled event
			this.resumeAt = (lowest > this.lastStored) ? lowest : -1;
		}

		/** The item, unless its id is past a failed event's (then it cannot be stored in this epoch). */
		@Nullable Item beforeFailure(@Nullable Item item) {
			return (item != null && this.failedAt >= 0 && item.id() > this.failedAt) ? null : item;
		}

		/** Whether an event with a replay id below {@code id} was received and is not handled: queued or dropped. */
		boolean unhandledBelow(long id) {
			if (id < 0) {
				return false;
			}
			Item first = this.items.peek();
			return (first != null && first.id() >= 0 && first.id() < id) || (this.dropped >= 0 && this.dropped < id);
		}

		private static long lowest(long a, long b) {
			return (a < 0) ? b : (b < 0) ? a : Math.min(a, b);
		}

		/** Records a replay id; returns whether it is seen for the first time. */
		boolean firstSeen(long id) {
			if (id <= this.seenFloor || !this.seen.add(id)) {
				return false;
			}
			if (this.seen.size() > SEEN_WINDOW) {
				this.seenFloor = this.seen.pollFirst();
			}
			return true;
		}

		/** Forgets the ids after {@code id}, so that they are accepted when they come again. */
		void forgetAfter(long id) {
			this.seen.tailSet(id, false).clear();
			this.seenFloor = Math.min(this.seenFloor, id);
		}

	}

}
