package io.github.sfstreaming.spring.event;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.replay.ReplayPosition;

/**
 * Published when Salesforce rejects a stored replay id, usually because the event is older than the retention
 * window. Events between the rejected id and the fallback position may be lost or delivered again.
 */
public class ReplayIdInvalidEvent extends SalesforceStreamingEvent {

	private final String channel;

	private final long replayId;

	private final @Nullable ReplayPosition fallback;

	/**
	 * Creates an event.
	 * @param source the client
	 * @param channel the channel
	 * @param replayId the rejected replay id
	 * @param fallback where the subscription starts instead, or {@code null} when it fails
	 */
	public ReplayIdInvalidEvent(Object source, String channel, long replayId, @Nullable ReplayPosition fallback) {
		super(source);
		this.channel = channel;
		this.replayId = replayId;
		this.fallback = fallback;
	}

	/** The channel. */
	public String getChannel() {
		return this.channel;
	}

	/** The rejected replay id. */
	public long getReplayId() {
		return this.replayId;
	}

	/**
	 * Where the subscription starts instead: {@link ReplayPosition#NEW_EVENTS} or {@link ReplayPosition#ALL_EVENTS},
	 * or {@code null} when the policy is to fail the subscription.
	 */
	public @Nullable ReplayPosition getFallback() {
		return this.fallback;
	}

	@Override
	public String toString() {
		return "ReplayIdInvalidEvent[channel=" + this.channel + ", replayId=" + this.replayId + ", fallback="
				+ this.fallback + "]";
	}

}
