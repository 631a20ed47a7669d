package io.github.sfstreaming.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.grpc.Channel;
import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.transport.TransportContext;
import io.github.sfstreaming.transport.TransportSession;

/**
 * One client run over the Pub/Sub API: a subscriber per channel, each handing its events to the client through a
 * {@link ContextSink}.
 */
final class PubSubTransportSession implements TransportSession {

	private final Channel channel;

	private final TokenProvider tokens;

	private final @Nullable String orgId;

	private final PubSubSubscriberSettings settings;

	private final TransportContext context;

	private final Consumer<PubSubTransportSession> onClose;

	private final Map<String, PubSubSubscriber> subscribers = new ConcurrentHashMap<>();

	private volatile boolean closed;

	PubSubTransportSession(Channel channel, TokenProvider tokens, @Nullable String orgId,
			PubSubSubscriberSettings settings, TransportContext context, Consumer<PubSubTransportSession> onClose) {
		this.channel = channel;
		this.tokens = tokens;
		this.orgId = orgId;
		this.settings = settings;
		this.context = context;
		this.onClose = onClose;
		context.onRoomFreed(() -> this.subscribers.values().forEach(PubSubSubscriber::roomFreed));
	}

	@Override
	public synchronized void subscribe(String topic) {
		if (this.closed || this.subscribers.containsKey(topic)) {
			return;
		}
		String orgId = this.orgId;
		ContextSink sink = new ContextSink(topic, this.context);
		PubSubSubscriber subscriber = (orgId != null)
				? new PubSubSubscriber(topic, this.channel, this.tokens, orgId, sink, this.settings)
				: new PubSubSubscriber(topic, this.channel, this.tokens, sink, this.settings);
		this.subscribers.put(topic, subscriber);
		subscriber.start();
	}

	@Override
	public synchronized void unsubscribe(String topic) {
		PubSubSubscriber subscriber = this.subscribers.remove(topic);
		if (subscriber != null) {
			subscriber.close();
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.subscribers.values().forEach(PubSubSubscriber::close);
		this.subscribers.clear();
		this.onClose.accept(this);
	}

	/** The credit outstanding on a topic's stream, 0 without one. */
	int creditOutstanding(String topic) {
		PubSubSubscriber subscriber = this.subscribers.get(topic);
		return (subscriber != null) ? subscriber.creditOutstanding() : 0;
	}

	/** A subscriber's sink that is the client's transport context for one channel. */
	private static final class ContextSink implements PubSubSink {

		private final String topic;

		private final TransportContext context;

		ContextSink(String topic, TransportContext context) {
			this.topic = topic;
			this.context = context;
		}

		@Override
		public PubSubStart resumeFrom() {
			ReplayPosition from = this.context.resumeFrom(this.topic);
			if (from.isOpaque()) {
				return PubSubStart.after(PubSubReplayId.of(from.bytes()));
			}
			if (from.equals(ReplayPosition.ALL_EVENTS)) {
				return PubSubStart.earliest();
			}
			if (from.equals(ReplayPosition.NEW_EVENTS)) {
				return PubSubStart.latest();
			}
			throw new IllegalStateException("A CometD replay id (" + from + ") cannot resume " + this.topic
					+ " over the Pub/Sub API");
		}

		@Override
		public int freeSlots() {
			return this.context.freeSlots();
		}

		@Override
		public void accept(PubSubEvent event) {
			// false only while the client stops: the event is not stored, so it comes again at the next start
			this.context.deliver(event.event(), ReplayPosition.afterOpaque(event.replayId().toByteArray()));
		}

		@Override
		public void keepAlive(PubSubReplayId latest) {
			this.context.latestReplayId(this.topic, ReplayPosition.afterOpaque(latest.toByteArray()));
		}

		@Override
		public void failed(PubSubException error) {
			this.context.channelFailed(this.topic, error);
		}

		@Override
		public void subscribed() {
			this.context.subscribed(this.topic);
		}

		@Override
		public void reconnecting(PubSubErrorKind cause, Throwable error) {
			this.context.reconnecting(cause.cause(), error);
		}

		@Override
		public void replayIdRejected() {
			this.context.replayIdRejected(this.topic);
		}

	}

}
