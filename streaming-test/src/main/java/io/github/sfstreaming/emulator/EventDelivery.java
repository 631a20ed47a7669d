package io.github.sfstreaming.emulator;

import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;

/**
 * Queues an event on a session: it leaves with that session's next {@code /meta/connect} reply.
 */
final class EventDelivery implements EventSink {

	private final BayeuxServer bayeux;

	private final StatsRecorder stats;

	EventDelivery(BayeuxServer bayeux, StatsRecorder stats) {
		this.bayeux = bayeux;
		this.stats = stats;
	}

	@Override
	public void deliver(ServerSession session, String channel, RetainedEvent event) {
		ServerMessage.Mutable message = this.bayeux.newMessage();
		message.setChannel(channel);
		message.setData(event.data());
		String clientId = session.getId();
		session.deliver(null, message, Promise.from((delivered) -> {
			if (Boolean.TRUE.equals(delivered)) {
				this.stats.delivery(clientId);
			}
		}, (failure) -> {
		}));
	}

}
