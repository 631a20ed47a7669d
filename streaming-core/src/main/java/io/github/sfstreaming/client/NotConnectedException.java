package io.github.sfstreaming.client;

import org.jspecify.annotations.Nullable;

/**
 * {@link SalesforceStreamingClient#awaitConnected(java.time.Duration)} timed out while the client was still
 * trying: no connection yet, or a channel whose subscription Salesforce has not confirmed yet. The client goes
 * on retrying in the background, so this error is {@linkplain #isRetryable() retryable}.
 */
public class NotConnectedException extends StreamingException {

	private final @Nullable String channel;

	public NotConnectedException(String message, @Nullable String channel) {
		super(message);
		this.channel = channel;
	}

	/** The channel still waiting for its subscription, or {@code null} when the client is not connected. */
	public @Nullable String getChannel() {
		return this.channel;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

}
