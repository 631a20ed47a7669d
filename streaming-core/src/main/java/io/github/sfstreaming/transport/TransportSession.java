package io.github.sfstreaming.transport;

/**
 * One run of a {@link StreamingTransport}, from the client's start to its stop. Its methods are called from the
 * client's threads and must not block for long.
 */
public interface TransportSession extends AutoCloseable {

	/**
	 * Starts receiving a channel's events, from {@link TransportContext#resumeFrom(String)}, and keeps receiving
	 * them across reconnects until it is unsubscribed or the session closed. Subscribing a channel that is
	 * already subscribed does nothing.
	 * @param channel the channel
	 */
	void subscribe(String channel);

	/**
	 * Stops receiving a channel's events. Events already handed to the client are still handled.
	 * @param channel the channel
	 */
	void unsubscribe(String channel);

	/**
	 * Ends the session. When it returns, the transport hands the client no more events.
	 */
	@Override
	void close();

}
