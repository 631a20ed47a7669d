package io.github.sfstreaming.emulator;

import org.cometd.bayeux.server.ServerSession;

/**
 * Hands one event to one Bayeux session.
 */
@FunctionalInterface
interface EventSink {

	void deliver(ServerSession session, String channel, RetainedEvent event);

}
