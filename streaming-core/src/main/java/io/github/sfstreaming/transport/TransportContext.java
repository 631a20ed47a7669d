package io.github.sfstreaming.transport;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * What a {@link io.github.sfstreaming.client.SalesforceStreamingClient client} gives its transport for one session: where each channel
 * resumes, the room in its buffer, and where received events and the session's state go. Thread-safe; none of
 * its methods block for long.
 *
 * @see StreamingTransport#open(TransportContext)
 */
public interface TransportContext {

	/**
	 * Where a channel's subscription starts, asked before every subscription (the first and every one after a
	 * reconnect): after the last event handed over in this session, else after the stored replay id of the
	 * transport's format, else a preset.
	 * @param channel the channel
	 * @return the position, in the transport's format or a preset
	 */
	ReplayPosition resumeFrom(String channel);

	/**
	 * How many more events the client's buffer can take now. A transport with flow control asks the server for no
	 * more than this.
	 * @return the free slots, 0 or more
	 */
	int freeSlots();

	/**
	 * Registers what to call when handlers free room in the buffer (called on a handler's thread; must be quick).
	 * @param callback the callback
	 */
	void onRoomFreed(Runnable callback);

	/**
	 * Hands over one received event, in its channel's order. Its replay id is stored once it was handled.
	 * @param event the event
	 * @param replayId its replay id in the transport's format
	 * @return {@code false} when the client is stopping and did not take it (it comes again from the store)
	 */
	boolean deliver(StreamingEvent event, ReplayPosition replayId);

	/**
	 * The server says every event of a channel up to {@code latest} was sent (a keep-alive). The client stores it
	 * only when none of the channel's events are in hand, so that a quiet channel's position stays recent.
	 * @param channel the channel
	 * @param latest the channel's latest replay id
	 */
	void latestReplayId(String channel, ReplayPosition latest);

	/**
	 * What to do when the server refuses a stored replay id: fail the channel, or resume from a preset.
	 * @return the client's policy
	 */
	InvalidReplayIdPolicy invalidReplayIdPolicy();

	/**
	 * The server refused the stored replay id of a channel and the transport resumes from a preset, as the
	 * invalid-replay-id policy says: the client forgets the stored id.
	 * @param channel the channel
	 */
	void replayIdRejected(String channel);

	/**
	 * A channel's subscription was taken by the server.
	 * @param channel the channel
	 */
	void subscribed(String channel);

	/**
	 * A channel's subscription failed for good (for example the topic does not exist).
	 * @param channel the channel
	 * @param error why, naming the channel
	 */
	void channelFailed(String channel, Throwable error);

	/**
	 * The transport lost its connection (or a channel its stream) and tries again.
	 * @param cause a short lower-case tag for metrics, such as {@code auth}, {@code limit} or {@code unavailable}
	 * @param error the error
	 */
	void reconnecting(String cause, Throwable error);

	/**
	 * The transport gave up for good; the client fails with this error.
	 * @param error why
	 */
	void failed(Throwable error);

}
