package io.github.sfstreaming.emulator;

import java.time.Clock;

import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerChannel;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.jspecify.annotations.Nullable;

/**
 * Connects CometD's subscriptions to the channel logs: a new subscriber first gets the retained events its replay id
 * asks for, then the live ones.
 */
final class ReplaySubscriptions implements BayeuxServer.SubscriptionListener, BayeuxServer.SessionListener {

	private final ChannelRegistry channels;

	private final Retention retention;

	private final EventSink sink;

	private final Clock clock;

	ReplaySubscriptions(ChannelRegistry channels, Retention retention, EventSink sink, Clock clock) {
		this.channels = channels;
		this.retention = retention;
		this.sink = sink;
		this.clock = clock;
	}

	@Override
	public void subscribed(ServerSession session, ServerChannel channel, @Nullable ServerMessage message) {
		ChannelLog log = this.channels.find(channel.getId());
		if (log == null || session.isLocalSession()) {
			return;
		}
		Long requested = (message != null) ? ReplayRequest.of(message, channel.getId()) : null;
		long replayFrom = (requested != null) ? requested : -1;
		log.subscribe(session, replayFrom, this.clock.instant(), this.retention, this.sink);
	}

	@Override
	public void unsubscribed(ServerSession session, ServerChannel channel, @Nullable ServerMessage message) {
		ChannelLog log = this.channels.find(channel.getId());
		if (log != null) {
			log.unsubscribe(session);
		}
	}

	@Override
	public void sessionRemoved(ServerSession session, @Nullable ServerMessage message, boolean timeout) {
		this.channels.removeSubscriber(session);
	}

}
