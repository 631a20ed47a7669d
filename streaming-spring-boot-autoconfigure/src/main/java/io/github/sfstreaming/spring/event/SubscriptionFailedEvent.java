package io.github.sfstreaming.spring.event;

/**
 * Published when subscribing to a channel failed with an error that retrying does not fix, for example an
 * unknown channel or a missing permission. The channel's listeners receive nothing until it is subscribed again.
 */
public class SubscriptionFailedEvent extends SalesforceStreamingEvent {

	private final String channel;

	private final Throwable error;

	/**
	 * Creates an event.
	 * @param source the client
	 * @param channel the channel
	 * @param error the error
	 */
	public SubscriptionFailedEvent(Object source, String channel, Throwable error) {
		super(source);
		this.channel = channel;
		this.error = error;
	}

	/** The channel. */
	public String getChannel() {
		return this.channel;
	}

	/** The error. */
	public Throwable getError() {
		return this.error;
	}

	@Override
	public String toString() {
		return "SubscriptionFailedEvent[channel=" + this.channel + ", error=" + this.error + "]";
	}

}
