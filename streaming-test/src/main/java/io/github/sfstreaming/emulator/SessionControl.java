package io.github.sfstreaming.emulator;

import java.util.concurrent.Executor;

import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.ServerSessionImpl;

/**
 * Ends Bayeux sessions from the server side.
 */
final class SessionControl {

	/**
	 * Session attribute marking a session the emulator forgot: its pending and later requests get
	 * {@code 403::Unknown client}.
	 */
	static final String DROPPED_ATTRIBUTE = SessionControl.class.getName() + ".dropped";

	private final BayeuxServer bayeux;

	private final Executor executor;

	SessionControl(BayeuxServer bayeux, Executor executor) {
		this.bayeux = bayeux;
		this.executor = executor;
	}

	/** Forgets every session, as Salesforce does when a session times out or moves. */
	void dropAll() {
		for (ServerSession session : this.bayeux.getSessions()) {
			drop(session);
		}
	}

	void drop(ServerSession session) {
		if (session.isLocalSession()) {
			return;
		}
		session.setAttribute(DROPPED_ATTRIBUTE, Boolean.TRUE);
		this.bayeux.removeSession(session);
		if (session instanceof ServerSessionImpl impl) {
			// Wake up the held /meta/connect so that it answers now rather than at the end of the long poll.
			impl.flush();
		}
	}

	/**
	 * Sends {@code /meta/disconnect} to every session and ends it, as Salesforce API 64.0+ may. The message leaves
	 * with the held {@code /meta/connect}, or with the next one; once it has left, the session is forgotten.
	 */
	void disconnectAll() {
		for (ServerSession session : this.bayeux.getSessions()) {
			if (!session.isLocalSession()) {
				disconnect(session);
			}
		}
	}

	private void disconnect(ServerSession session) {
		session.addListener((ServerSession.DeQueueListener) (s, queue) -> {
			for (ServerMessage message : queue) {
				if (Channel.META_DISCONNECT.equals(message.getChannel())) {
					s.setAttribute(DROPPED_ATTRIBUTE, Boolean.TRUE);
					// Not here: CometD holds the session's lock, and removal takes the channels' locks.
					this.executor.execute(() -> this.bayeux.removeSession(s));
					return;
				}
			}
		});
		ServerMessage.Mutable message = this.bayeux.newMessage();
		message.setChannel(Channel.META_DISCONNECT);
		message.setClientId(session.getId());
		message.setSuccessful(true);
		session.deliver(null, message, Promise.noop());
	}

	static boolean isDropped(ServerSession session) {
		return Boolean.TRUE.equals(session.getAttribute(DROPPED_ATTRIBUTE));
	}

}
