package io.github.sfstreaming.spring.listener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.ChannelSubscriber;

/**
 * Routes each channel's events to its active containers. The client takes one handler per channel, so the router
 * subscribes one per channel, while at least one of the channel's containers is active (running and not paused),
 * and unsubscribes the channel when the last one stops or pauses. Each event goes to every active container of
 * its channel in turn and counts as handled, its replay id stored, when all of them have handled it; if one gives
 * up, the others still get it and the first failure is rethrown.
 *
 * <p>The channel handlers are also {@link BatchEventHandler}s: a client that hands over several queued events of
 * a channel at once lets batch listeners receive them together (see {@link BatchEventHandler}).
 */
public final class ListenerChannelRouter {

	private static final Logger logger = LoggerFactory.getLogger(ListenerChannelRouter.class);

	private final Supplier<@Nullable ChannelSubscriber> subscriber;

	private final Map<String, ChannelHandler> handlers = new LinkedHashMap<>();

	/**
	 * Creates a router.
	 * @param subscriber finds what channels are subscribed through, called when a container first starts;
	 * {@code null} when there is no streaming client
	 */
	public ListenerChannelRouter(Supplier<@Nullable ChannelSubscriber> subscriber) {
		this.subscriber = subscriber;
	}

	/** Whether there is a client to subscribe through. */
	public boolean isAvailable() {
		return this.subscriber.get() != null;
	}

	/**
	 * Registers a container, inactive: the active containers of a channel receive its events in the order they
	 * were registered.
	 * @param container the container
	 */
	synchronized void register(DefaultSalesforceListenerContainer container) {
		for (String channel : container.getChannels()) {
			this.handlers.computeIfAbsent(channel, ChannelHandler::new).registered.add(container);
		}
	}

	/**
	 * Makes a container active: it receives its channels' events; channels it is the first active container of
	 * are subscribed (in the background; a failure is logged).
	 * @param container the container
	 * @throws IllegalStateException if there is no streaming client
	 */
	synchronized void activate(DefaultSalesforceListenerContainer container) {
		ChannelSubscriber subscriber = this.subscriber.get();
		Assert.state(subscriber != null,
				() -> "Cannot start listener '" + container.getId() + "': there is no SalesforceStreamingClient bean");
		List<String> toSubscribe = new ArrayList<>();
		for (String channel : container.getChannels()) {
			ChannelHandler handler = this.handlers.computeIfAbsent(channel, ChannelHandler::new);
			if (handler.active.isEmpty()) {
				toSubscribe.add(channel);
			}
			// Active before subscribing: an event that arrives at once must find its listener, or it would be
			// counted as handled without being seen.
			handler.activate(container);
		}
		try {
			for (String channel : toSubscribe) {
				// A refusal is logged once by the client (and reported by health and a SubscriptionFailedEvent);
				// the other outcomes (stopped, unsubscribed before the answer) are expected during a shutdown.
				ChannelHandler channelHandler = this.handlers.get(channel);
				Assert.state(channelHandler != null, () -> "No handler for channel " + channel);
				subscriber.subscribe(channel, channelHandler)
					.subscribe(null, (ex) -> logger.debug("Subscription of channel {} for listener '{}' ended: {}",
							channel, container.getId(), ex.getMessage()));
			}
		}
		catch (RuntimeException ex) {
			deactivate(container);
			throw ex;
		}
	}

	/**
	 * Makes a container inactive; channels left without an active container are unsubscribed.
	 * @param container the container
	 */
	synchronized void deactivate(DefaultSalesforceListenerContainer container) {
		ChannelSubscriber subscriber = this.subscriber.get();
		for (String channel : container.getChannels()) {
			ChannelHandler handler = this.handlers.get(channel);
			if (handler != null && handler.deactivate(container) && handler.active.isEmpty() && subscriber != null) {
				subscriber.unsubscribe(channel)
					.subscribe(null, (ex) -> logger.error("Could not unsubscribe channel {}", channel, ex));
			}
		}
	}

	/**
	 * Takes note of a container's new maximum batch size, if it is active already.
	 * @param container the container
	 */
	synchronized void batchMaxSizeChanged(DefaultSalesforceListenerContainer container) {
		for (String channel : container.getChannels()) {
			ChannelHandler handler = this.handlers.get(channel);
			if (handler != null) {
				handler.setActive(handler.active);
			}
		}
	}

	/**
	 * The handler subscribed for a channel, for a client that hands it events directly.
	 * @param channel the channel
	 * @return its handler, or {@code null} if no container of the channel was ever active
	 */
	public synchronized @Nullable ChannelHandler getHandler(String channel) {
		return this.handlers.get(channel);
	}

	/** The one handler subscribed for a channel: hands its events to the channel's active containers. */
	public static final class ChannelHandler
			implements EventHandler, BatchEventHandler, io.github.sfstreaming.client.BatchEventHandler {

		private final String channel;

		private final List<DefaultSalesforceListenerContainer> registered = new ArrayList<>();

		/** The active containers, in registration order; replaced, never changed, so that events see a snapshot. */
		private volatile List<DefaultSalesforceListenerContainer> active = List.of();

		/** {@link #getMaxBatchSize()} of {@link #active}, worked out when it changes: the client asks per event. */
		private volatile int maxBatchSize = 1;

		ChannelHandler(String channel) {
			this.channel = channel;
		}

		private void activate(DefaultSalesforceListenerContainer container) {
			if (!this.registered.contains(container)) {
				this.registered.add(container);
			}
			List<DefaultSalesforceListenerContainer> current = this.active;
			setActive(this.registered.stream()
				.filter((candidate) -> candidate == container || current.contains(candidate))
				.toList());
		}

		private boolean deactivate(DefaultSalesforceListenerContainer container) {
			List<DefaultSalesforceListenerContainer> current = this.active;
			if (!current.contains(container)) {
				return false;
			}
			setActive(current.stream().filter((candidate) -> candidate != container).toList());
			return true;
		}

		private void setActive(List<DefaultSalesforceListenerContainer> active) {
			this.maxBatchSize = active.stream()
				.filter(DefaultSalesforceListenerContainer::isBatchListener)
				.mapToInt(DefaultSalesforceListenerContainer::getBatchMaxSize)
				.max()
				.orElse(1);
			this.active = active;
		}

		/**
		 * The largest batch worth handing over at once: the largest maximum batch size of the channel's active
		 * batch listeners, or 1 if it has none, so that a client that can deliver several events at once keeps
		 * delivering one at a time to one-event listeners.
		 * @return the number of events
		 */
		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		/** The client hands over up to {@link #getMaxBatchSize()} queued events of the channel at once. */
		@Override
		public int maxBatchSize() {
			return getMaxBatchSize();
		}

		@Override
		public void handle(StreamingEvent event) throws Exception {
			@Nullable Exception failure = null;
			boolean handled = false;
			for (DefaultSalesforceListenerContainer container : this.active) {
				handled = true;
				try {
					container.handle(event);
				}
				catch (Exception ex) {
					failure = collect(failure, ex);
				}
			}
			if (!handled) {
				throw noListener(event);
			}
			if (failure != null) {
				throw failure;
			}
		}

		/**
		 * Hands events to every active container of the channel.
		 * @throws BatchListenerFailedException naming the first event that some container did not handle
		 */
		@Override
		public void handleBatch(List<StreamingEvent> events) throws Exception {
			if (events.isEmpty()) {
				return;
			}
			@Nullable Exception failure = null;
			int firstFailed = events.size();
			boolean handled = false;
			for (DefaultSalesforceListenerContainer container : this.active) {
				handled = true;
				try {
					container.handleBatch(events);
				}
				catch (Exception ex) {
					BatchListenerFailedException failed = BatchListenerFailedException.find(ex);
					firstFailed = Math.min(firstFailed, (failed != null) ? failed.getIndex() : 0);
					failure = collect(failure, ex);
				}
			}
			if (!handled) {
				throw noListener(events.get(0));
			}
			if (failure != null) {
				throw new BatchListenerFailedException(firstFailed, failure);
			}
		}

		private static Exception collect(@Nullable Exception failure, Exception ex) {
			if (failure == null) {
				return ex;
			}
			failure.addSuppressed(ex);
			return failure;
		}

		private IllegalStateException noListener(StreamingEvent event) {
			// Between the last listener stopping and the unsubscription taking effect: leave the event
			// unhandled, so that its replay id is not stored and it is delivered again when a listener starts.
			return new IllegalStateException("No running listener for event " + event.replayId() + " of channel "
					+ this.channel + "; leaving it unhandled");
		}

	}

}
