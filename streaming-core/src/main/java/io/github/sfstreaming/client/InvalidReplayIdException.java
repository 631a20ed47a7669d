package io.github.sfstreaming.client;

/**
 * Salesforce rejected a channel's stored replay id (usually because the event fell out of the retention
 * window) and the policy is {@link io.github.sfstreaming.replay.InvalidReplayIdPolicy#FAIL}.
 */
public class InvalidReplayIdException extends SubscriptionException {

	private final long replayId;

	public InvalidReplayIdException(String channel, long replayId, String bayeuxError) {
		super(channel, bayeuxError, "Salesforce rejected replay id " + replayId + " of " + channel + ": "
				+ bayeuxError + "; the invalid-replay-id policy is FAIL");
		this.replayId = replayId;
	}

	/** The rejected replay id. */
	public long getReplayId() {
		return this.replayId;
	}

}
