package io.github.sfstreaming.emulator;

import org.cometd.bayeux.server.BayeuxServer;
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

	SessionControl(BayeuxServer bayeux) {
		this.bayeux = bayeux;
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

	/** Sends {@code /meta/disconnect} to every session and ends it, as Salesforce API 64.0+ may. */
	void disconnectAll() {
		for (ServerSession session : this.bayeux.getSessions()) {
			if (!session.isLocalSession()) {
				session.disconnect();
			}
		}
	}

	static boolean isDropped(ServerSession session) {
		return Boolean.TRUE.equals(session.getAttribute(DROPPED_ATTRIBUTE));
	}

}
