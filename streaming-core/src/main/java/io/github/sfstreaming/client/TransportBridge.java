package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.transport.TransportContext;

/**
 * What the client gives a pluggable transport (Pub/Sub) for one session: resume positions from the replay store,
 * the dispatcher's room and its queue, and the client's state. The CometD session does the same work in its own
 * classes (SessionLoop, ChannelSubscriber, EventRouter) because Bayeux interleaves it with the protocol.
 */
final class TransportBridge implements TransportContext {

	private static final Logger logger = LoggerFactory.getLogger(TransportBridge.class);

	/** How far before a recorded start the events of a channel that only has a start are still handled. */
	private static final Duration START_MARGIN = Duration.ofSeconds(1);

	private final ClientSettings settings;

	private final ReplayIdFormat format;

	private final Map<String, ChannelSubscription> channels;

	private final EventDispatcher dispatcher;

	private final StreamingClientListener listener;

	private final StateTracker state;

	private final Consumer<Throwable> failureHook;

	private final long generation;

	private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

	/** Guards {@link #full}, so that the paused time in the state follows the buffer's own order of changes. */
	private final Object fullLock = new Object();

	/** Whether the transport was last told there is no room: it then receives nothing, as polling pauses. */
	private boolean full;

	private volatile boolean closed;

	TransportBridge(ClientSettings settings, ReplayIdFormat format, Map<String, ChannelSubscription> channels,
			EventDispatcher dispatcher, StreamingClientListener listener, StateTracker state,
			Consumer<Throwable> failureHook, long generation) {
		this.settings = settings;
		this.format = format;
		this.channels = channels;
		this.dispatcher = dispatcher;
		this.listener = listener;
		this.state = state;
		this.failureHook = failureHook;
		this.generation = generation;
	}

	/** Where a channel stands in this session: the events handed over, and where to resume. */
	private static final class Cursor {

		/** Orders the channel's events in the dispatcher, since opaque ids have no order of their own. */
		long sequence;

		@Nullable ReplayPosition lastDelivered;

		/** Where the last subscription started, for the listener. */
		ReplayPosition from = ReplayPosition.NEW_EVENTS;

		/** Events created before this are skipped: the channel resumes from a recorded start. */
		@Nullable Instant notBefore;

	}

	private Cursor cursor(String channel) {
		return this.cursors.computeIfAbsent(channel, (key) -> {
			Cursor cursor = new Cursor();
			// The dispatcher keeps a channel's order numbers across a stop and a start of the same client (its
			// redelivery filter, its stored position): numbering again from 0 would have the events of the new
			// session taken for duplicates and dropped. After a stop it has forgotten all past the stored one.
			Long last = this.dispatcher.lastAccepted(key);
			cursor.sequence = (last != null) ? last + 1 : 0;
			return cursor;
		});
	}

	/** The session is over: nothing more is taken from it. */
	void close() {
		this.closed = true;
		this.dispatcher.roomListener(null);
		synchronized (this.fullLock) {
			if (this.full) {
				this.full = false;
				this.state.paused(false);
			}
		}
	}

	/** Forgets where an unsubscribed channel was, so that subscribing it again resumes from the store. */
	void forget(String channel) {
		this.cursors.remove(channel);
	}

	@Override
	public ReplayPosition resumeFrom(String channel) {
		Cursor cursor = cursor(channel);
		ReplayPosition from = startOf(channel, cursor);
		synchronized (cursor) {
			cursor.from = from;
		}
		return from;
	}

	private ReplayPosition startOf(String channel, Cursor cursor) {
		synchronized (cursor) {
			ReplayPosition delivered = cursor.lastDelivered;
			if (delivered != null) {
				return delivered;
			}
		}
		ReplayStore store = this.settings.replayStore();
		Optional<ReplayPosition> stored = store.lastReplayId(channel, this.format);
		if (stored.isPresent()) {
			return stored.get();
		}
		Optional<Instant> started = store.startOf(channel);
		if (started.isPresent()) {
			// subscribed from new events before and stopped before any was handled: replay the retained ones and
			// skip those that were created before that first subscription
			synchronized (cursor) {
				cursor.notBefore = started.get().minus(START_MARGIN);
			}
			return ReplayPosition.ALL_EVENTS;
		}
		ReplayPosition from = this.settings.defaultReplay();
		if (from.equals(ReplayPosition.NEW_EVENTS)) {
			store.storeStart(channel, Instant.now());
		}
		return from;
	}

	@Override
	public int freeSlots() {
		int free = this.dispatcher.freeSlots();
		// A transport with flow control asks for nothing while the buffer is full: that is CometD's paused polling,
		// and health checks should read it so rather than as a silent server.
		synchronized (this.fullLock) {
			boolean nowFull = free == 0 && !this.closed;
			if (nowFull != this.full) {
				this.full = nowFull;
				this.state.paused(nowFull);
			}
		}
		return free;
	}

	@Override
	public void onRoomFreed(Runnable callback) {
		this.dispatcher.roomListener(callback);
	}

	@Override
	public boolean deliver(StreamingEvent event, ReplayPosition replayId) {
		if (this.closed) {
			return false;
		}
		String channel = event.channel();
		ChannelSubscription subscription = this.channels.get(channel);
		if (subscription == null) {
			return true; // unsubscribed meanwhile: nobody wants it
		}
		this.state.connectSucceeded();
		Cursor cursor = cursor(channel);
		synchronized (cursor) {
			Instant notBefore = cursor.notBefore;
			Instant created = event.createdDate();
			if (notBefore != null && created != null && created.isBefore(notBefore)) {
				logger.debug("Skipped an event of {} created at {}, before its first subscription", channel, created);
				cursor.lastDelivered = replayId;
				return true;
			}
			cursor.notBefore = null;
			this.listener.eventReceived(channel, replayId.isOpaque() ? -1 : replayId.value());
			long id = replayId.isOpaque() ? cursor.sequence++ : replayId.value();
			EventDispatcher.Offer offer = this.dispatcher.offer(event, id, replayId.isOpaque() ? replayId : null,
					subscription.handler());
			if (offer == EventDispatcher.Offer.REFUSED) {
				return false;
			}
			cursor.lastDelivered = replayId;
			return true;
		}
	}

	@Override
	public void latestReplayId(String channel, ReplayPosition latest) {
		if (this.closed) {
			return;
		}
		this.state.connectSucceeded();
		this.listener.keepAliveReceived(channel);
		Cursor cursor = cursor(channel);
		synchronized (cursor) {
			if (this.dispatcher.hasInHand(channel) || latest.equals(cursor.lastDelivered)) {
				return;
			}
			try {
				this.settings.replayStore().store(channel, latest, null);
				cursor.lastDelivered = latest;
				cursor.notBefore = null;
			}
			catch (RuntimeException ex) {
				logger.warn("Could not store the latest replay id of {} from a keep-alive: {}", channel,
						ex.getMessage());
			}
		}
	}

	@Override
	public InvalidReplayIdPolicy invalidReplayIdPolicy() {
		return this.settings.invalidReplayIdPolicy();
	}

	@Override
	public void replayIdRejected(String channel) {
		Cursor cursor = cursor(channel);
		synchronized (cursor) {
			cursor.lastDelivered = null;
		}
		InvalidReplayIdPolicy policy = this.settings.invalidReplayIdPolicy();
		ReplayPosition fallback = switch (policy) {
			case NEW_EVENTS -> ReplayPosition.NEW_EVENTS;
			case ALL_EVENTS -> ReplayPosition.ALL_EVENTS;
			case FAIL -> null;
		};
		this.listener.replayIdInvalid(channel, -1, fallback);
		try {
			this.settings.replayStore().reset(channel);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not forget the rejected replay id of {}: {}", channel, ex.getMessage());
		}
		this.dispatcher.replayReset(channel);
	}

	@Override
	public void subscribed(String channel) {
		ChannelSubscription subscription = this.channels.get(channel);
		if (this.closed || subscription == null) {
			return;
		}
		this.state.connectSucceeded();
		boolean connectedNow;
		// once per connection, as a CometD handshake: not again for each channel's stream
		synchronized (this.state) {
			connectedNow = this.state.get() != ClientState.CONNECTED && this.state.set(ClientState.CONNECTED);
		}
		if (connectedNow) {
			this.listener.connected();
		}
		logger.info("Subscribed to {}", channel);
		ReplayPosition from;
		Cursor cursor = cursor(channel);
		synchronized (cursor) {
			from = cursor.from;
		}
		this.listener.subscribed(channel, from);
		subscription.subscribed(this.generation);
	}

	@Override
	public void channelFailed(String channel, Throwable error) {
		ChannelSubscription subscription = this.channels.get(channel);
		if (this.closed || subscription == null) {
			return;
		}
		this.listener.subscriptionFailed(channel, error);
		subscription.failed(error);
	}

	@Override
	public void reconnecting(String cause, Throwable error) {
		if (this.closed) {
			return;
		}
		this.state.lastError(error);
		boolean wasConnected;
		// one of several channels' streams ending together is the one that tells of the lost connection
		synchronized (this.state) {
			wasConnected = this.state.get() == ClientState.CONNECTED;
			this.state.set(ClientState.RECONNECTING);
		}
		// as the CometD session does: listeners (health, application events) learn that the connection was lost
		if (wasConnected) {
			this.listener.disconnected(cause + ": " + error.getMessage());
		}
		this.listener.reconnecting(cause);
	}

	@Override
	public void failed(Throwable error) {
		if (this.closed) {
			return;
		}
		logger.error("Giving up: {}", error.getMessage());
		this.state.failed(error);
		for (ChannelSubscription subscription : this.channels.values()) {
			subscription.abandon(error);
		}
		this.failureHook.accept(error);
	}

}
