package io.github.sfstreaming.client;

import io.github.sfstreaming.internal.bayeux.BayeuxErrorKind;

/**
 * Why the client is about to reconnect over the Streaming API (CometD): its {@link #tag()} is what
 * {@link StreamingClientListener#reconnecting} is given, for example as a metric tag. Failures that retrying
 * cannot fix (a configuration problem, a rejected replay id under the {@code FAIL} policy) do not reconnect and
 * so have no cause here.
 */
public enum ReconnectCause {

	/** The server forgot the session ({@code 403::Unknown client}): handshake again at once. */
	UNKNOWN_CLIENT("unknown-client"),

	/** The token was rejected ({@code 401::Authentication invalid}, HTTP 401): log in again, then handshake. */
	AUTHENTICATION("auth"),

	/** The server sent {@code /meta/disconnect} or told the client not to poll again: handshake again. */
	SERVER_DISCONNECT("server-disconnect"),

	/** The network failed or the server did not answer in time: back off, then handshake. */
	NETWORK("network"),

	/** HTTP 5xx: back off. */
	HTTP_5XX("http-5xx"),

	/** {@code 503::Server is too busy}: back off. */
	TOO_BUSY("too-busy"),

	/** An organization or server limit was exceeded: back off for long. */
	ORG_LIMIT("org-limit"),

	/** The server's answer was not Bayeux JSON: back off, then handshake. */
	MALFORMED("malformed"),

	/** Any other error: back off, then handshake. */
	OTHER("other");

	private final String tag;

	ReconnectCause(String tag) {
		this.tag = tag;
	}

	/** A short, stable, low-cardinality name, for example {@code unknown-client}, as a metric tag. */
	public String tag() {
		return this.tag;
	}

	/** The cause a retried failure of the given kind reports. */
	static ReconnectCause of(BayeuxErrorKind kind) {
		return switch (kind) {
			case UNKNOWN_CLIENT -> UNKNOWN_CLIENT;
			case AUTHENTICATION -> AUTHENTICATION;
			case SERVER_DISCONNECT -> SERVER_DISCONNECT;
			case NETWORK -> NETWORK;
			case HTTP_5XX -> HTTP_5XX;
			case TOO_BUSY -> TOO_BUSY;
			case ORG_LIMIT -> ORG_LIMIT;
			case MALFORMED -> MALFORMED;
			// not retried, so never reported; OTHER keeps the mapping total
			case INVALID_REPLAY_ID, CONFIGURATION, OTHER -> OTHER;
		};
	}

}
