package io.github.sfstreaming.client;

import org.jspecify.annotations.Nullable;

/**
 * Salesforce refused a subscription (for example {@code 400::The channel you requested to subscribe to
 * doesn't exist} or {@code 403::Restricted channel}).
 */
public class SubscriptionException extends StreamingException {

	private final String channel;

	private final @Nullable String bayeuxError;

	public SubscriptionException(String channel, @Nullable String bayeuxError, String message) {
		super(message);
		this.channel = channel;
		this.bayeuxError = bayeuxError;
	}

	/** The channel that could not be subscribed. */
	public String getChannel() {
		return this.channel;
	}

	/** The Bayeux {@code error} field as Salesforce sent it, for example {@code 403::Restricted channel}. */
	public @Nullable String getBayeuxError() {
		return this.bayeuxError;
	}

}
