package io.github.sfstreaming.spring.event;

import java.time.Duration;

/**
 * Published when a subscribed channel has received no event for the configured idle interval
 * ({@code salesforce.streaming.idle-event-interval}), and again after each further interval while it stays idle.
 */
public class ChannelIdleEvent extends SalesforceStreamingEvent {

	private final String channel;

	private final Duration idleTime;

	/**
	 * Creates an event.
	 * @param source the client
	 * @param channel the channel
	 * @param idleTime how long the channel has received nothing, since its last event or its subscription
	 */
	public ChannelIdleEvent(Object source, String channel, Duration idleTime) {
		super(source);
		this.channel = channel;
		this.idleTime = idleTime;
	}

	/** The channel. */
	public String getChannel() {
		return this.channel;
	}

	/** How long the channel has received nothing, since its last event or its subscription. */
	public Duration getIdleTime() {
		return this.idleTime;
	}

	@Override
	public String toString() {
		return "ChannelIdleEvent[channel=" + this.channel + ", idleTime=" + this.idleTime + "]";
	}

}
