package io.github.sfstreaming.transport;

import io.github.sfstreaming.replay.ReplayIdFormat;

/**
 * A protocol that brings Salesforce events to a {@link io.github.sfstreaming.client.SalesforceStreamingClient}.
 * The client opens one {@link TransportSession} per start and closes it on stop; everything above the
 * transport (buffer, dispatch, replay store) is the client's.
 */
public interface StreamingTransport {

	/**
	 * The format of the replay ids this transport's events carry, so that the client never hands it an id stored
	 * by the other transport.
	 * @return the format
	 */
	ReplayIdFormat replayIdFormat();

	/**
	 * Checks that this transport can carry a channel.
	 * @param channel the channel, already known to be a valid Salesforce channel name
	 * @throws IllegalArgumentException naming the channel and why, if it cannot
	 */
	void checkChannel(String channel);

	/**
	 * Opens a session: returns at once and connects in the background, reporting to {@code context}.
	 * @param context what the client gives the transport for this session
	 * @return the session
	 */
	TransportSession open(TransportContext context);

}
