package io.github.sfstreaming.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.event.EventParser;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.internal.bayeux.Bayeux;
import io.github.sfstreaming.internal.bayeux.OversizedMessage;
import io.github.sfstreaming.logging.ServerText;

/**
 * Routes the event messages of a server response to their channels' queues: finds the subscription, sets
 * malformed messages aside, skips the retained events a channel's recorded start excludes, parses the rest and
 * offers them to the dispatcher in replay-id order. Nothing one message holds can stop the others.
 */
final class EventRouter {

	private static final Logger logger = LoggerFactory.getLogger(EventRouter.class);

	/** How many unexpected channel names are remembered to warn once each: a server cannot grow it for ever. */
	static final int MAX_WARNED_CHANNELS = 100;

	private static final Comparator<Received> BY_REPLAY_ID = Comparator.comparingLong((item) -> item.event().replayId());

	private final Map<String, ChannelSubscription> channels;

	private final EventDispatcher dispatcher;

	private final StreamingClientListener listener;

	private final Predicate<String> wasConfirmed;

	private final EventParser parser = new EventParser();

	private final Object dispatchLock = new Object();

	/** Channels an event was dropped or found malformed for, so that each is reported at WARN once. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a router.
	 * @param channels the subscriptions, by channel
	 * @param dispatcher the dispatcher
	 * @param listener the client's listeners
	 * @param wasConfirmed whether a channel was subscribed at some point (late events of it are normal)
	 */
	EventRouter(Map<String, ChannelSubscription> channels, EventDispatcher dispatcher,
			StreamingClientListener listener, Predicate<String> wasConfirmed) {
		this.channels = channels;
		this.dispatcher = dispatcher;
		this.listener = listener;
		this.wasConfirmed = wasConfirmed;
	}

	/** Routes the events among any replies (a subscribe or unsubscribe reply may carry events too). */
	void routeReplies(List<JsonNode> replies) {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode message : replies) {
			if (!Bayeux.isMeta(Bayeux.channel(message)) && message.has("data")) {
				events.add(message);
			}
		}
		route(events);
	}

	/** Routes event messages. */
	void route(List<JsonNode> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<Received> received = new ArrayList<>(messages.size());
		for (JsonNode message : messages) {
			String channel = Bayeux.channel(message);
			ChannelSubscription subscription = lookup(channel);
			if (subscription == null) {
				dropped(channel);
				continue;
			}
			StreamingEvent event = parse(subscription, message);
			if (event != null && !excluded(subscription, event)) {
				received.add(new Received(subscription, event));
			}
		}
		// within one response, replay-id order (channels are independent, so sorting across them is harmless);
		// the ids are read once, when parsing, not on every comparison; a list already in order (the usual backlog)
		// costs the sort one pass
		received.sort(BY_REPLAY_ID);
		// one response at a time, so that a channel's events are queued in the order they were received
		synchronized (this.dispatchLock) {
			for (Received item : received) {
				StreamingEvent event = item.event();
				this.listener.eventReceived(event.channel(), event.replayId());
				if (this.dispatcher.offer(event, item.subscription().handler()) == EventDispatcher.Offer.REFUSED) {
					logger.info("Event {} of {} arrived while the client stops: not handled, and its replay id not "
							+ "stored, so the next start receives it again", event.replayId(), event.channel());
				}
			}
		}
	}

	/** Parses a message, or reports it as malformed and returns {@code null}. */
	private @Nullable StreamingEvent parse(ChannelSubscription subscription, JsonNode message) {
		String channel = subscription.channel();
		JsonNode data = message.path("data");
		String problem = (message instanceof OversizedMessage oversized) ? oversized.problem()
				: EventParser.problem(data);
		if (problem == null) {
			try {
				return this.parser.parse(channel, data);
			}
			catch (RuntimeException ex) {
				problem = "it could not be parsed (" + ex.getMessage() + ")";
			}
		}
		if (this.warned.size() < MAX_WARNED_CHANNELS && this.warned.add("malformed " + channel)) {
			logger.warn("Set aside a malformed message of {}: {}; it is not handled and the stored replay id does "
					+ "not move (further ones of the channel are logged at DEBUG)", channel, ServerText.escape(problem));
		}
		else {
			logger.debug("Set aside a malformed message of {}: {}", channel, ServerText.escape(problem));
		}
		this.listener.eventMalformed(channel, message, problem);
		return null;
	}

	/**
	 * Whether a replayed event was created before its channel's recorded start (less a margin), and so before
	 * the subscription that asked only for new events: not delivered.
	 */
	private static boolean excluded(ChannelSubscription subscription, StreamingEvent event) {
		Instant notBefore = subscription.notBefore();
		Instant created = event.createdDate();
		if (notBefore != null && created != null && created.isBefore(notBefore)) {
			logger.debug("Skipped event {} of {}: created at {}, before the channel's first subscription",
					event.replayId(), event.channel(), created);
			return true;
		}
		return false;
	}

	private void dropped(String channel) {
		if (!this.wasConfirmed.test(channel) && this.warned.size() < MAX_WARNED_CHANNELS
				&& this.warned.add(channel)) {
			// once per channel: events in flight after an unsubscribe are normal, a server delivering on a
			// channel name we do not expect is not, and must not go unnoticed
			logger.warn("Dropped an event of {}, which is not subscribed (further ones are logged at DEBUG)",
					ServerText.escape(channel));
		}
		else {
			logger.debug("Dropped an event of {}, which is not subscribed", ServerText.escape(channel));
		}
	}

	private @Nullable ChannelSubscription lookup(String channel) {
		ChannelSubscription subscription = this.channels.get(channel);
		if (subscription == null && !channel.isEmpty()) {
			// a PushTopic subscribed with filters (/topic/X?Field=value) may deliver on /topic/X
			for (ChannelSubscription candidate : this.channels.values()) {
				if (candidate.channel().startsWith(channel + "?")) {
					return candidate;
				}
			}
		}
		return subscription;
	}

	/** How many channel names are remembered to warn once each (for tests). */
	int warnedChannels() {
		return this.warned.size();
	}

	/** An event parsed from a response, with the subscription it belongs to. */
	private record Received(ChannelSubscription subscription, StreamingEvent event) {
	}

}
