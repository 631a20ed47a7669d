package io.github.sfstreaming.emulator;

import java.util.List;

/**
 * A snapshot of the Pub/Sub side's counters since start or the last {@link SalesforceStreamingEmulator#reset()},
 * from {@link SalesforceStreamingEmulator#pubSubStats()}.
 *
 * @param subscribes {@code Subscribe} streams that named a topic and were accepted
 * @param eventsSent events sent on all streams
 * @param keepAlivesSent empty keep-alive responses sent
 * @param maxPending the most credit any stream was owed at once (never above 100): what a client's flow control
 * allowed
 * @param publishes {@code Publish} calls answered (whatever their events' results)
 * @param eventsPublished events those calls published
 * @param streams the open streams
 */
public record PubSubStats(long subscribes, long eventsSent, long keepAlivesSent, int maxPending, long publishes,
		long eventsPublished, List<StreamStats> streams) {

	/**
	 * One open {@code Subscribe} stream.
	 *
	 * @param topic its topic
	 * @param pending the credit it is owed now
	 */
	public record StreamStats(String topic, int pending) {
	}

}
