package io.github.sfstreaming.client;

/**
 * The states of a {@link SalesforceStreamingClient}'s Bayeux session.
 */
public enum ClientState {

	/** Not started, or stopped. */
	STOPPED,

	/** Logging in and sending {@code /meta/handshake}. */
	HANDSHAKING,

	/** Handshaken and polling with {@code /meta/connect}. */
	CONNECTED,

	/** Waiting out a back-off before trying again after a failure that may fix itself. */
	RECONNECTING,

	/** Sending {@code /meta/disconnect} and finishing the events in hand. */
	DISCONNECTING,

	/** Given up after an error that retrying cannot fix (see {@link SalesforceStreamingClient#failure()}). */
	FAILED

}
