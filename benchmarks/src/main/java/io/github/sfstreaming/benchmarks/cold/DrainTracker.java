package io.github.sfstreaming.benchmarks.cold;

/**
 * What subjects (b), (c) and (d) do per event: nothing but noting it, and printing
 * {@code channel=<channel> replayId=<id>} on standard output when the channel's first and last events are
 * handled, the lines the driver waits for (the sample app logs such a line for every event).
 */
public final class DrainTracker {

	private static volatile long lastReplayId = Long.MAX_VALUE;

	private DrainTracker() {
	}

	/**
	 * Sets the replay id of each channel's last event: the events per channel, as ids start at 1.
	 * @param replayId the last replay id
	 */
	public static void expect(long replayId) {
		lastReplayId = replayId;
	}

	/**
	 * Notes a handled event.
	 * @param channel its channel
	 * @param replayId its replay id
	 */
	public static void handled(String channel, long replayId) {
		handled(channel, replayId, -1);
	}

	/**
	 * Notes a handled event, and with the first and last the listener calls so far ({@code calls=<n>}).
	 * @param channel its channel
	 * @param replayId its replay id
	 * @param calls the listener calls so far, or -1 to leave them out
	 */
	public static void handled(String channel, long replayId, long calls) {
		// the first too, so that the driver can tell the wait for the first reply from the drain itself
		if (replayId == lastReplayId || replayId == 1) {
			synchronized (System.out) {
				String suffix = (calls < 0) ? "" : " calls=" + calls;
				System.out.println("channel=" + channel + " replayId=" + replayId + suffix);
				System.out.flush();
			}
		}
	}

}
