package io.github.sfstreaming.bayeux;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a failure means for the session, and so how the client reacts to it.
 */
public enum BayeuxErrorKind {

	/** The server forgot the session ({@code 403::Unknown client}, advice {@code handshake}): handshake again. */
	UNKNOWN_CLIENT("unknown-client", true),

	/** The token was rejected ({@code 401::Authentication invalid}, HTTP 401): new token, then handshake. */
	AUTHENTICATION("auth", true),

	/** The server sent {@code /meta/disconnect}: handshake again. */
	SERVER_DISCONNECT("server-disconnect", true),

	/** The network failed or the server did not answer in time: back off, then handshake. */
	NETWORK("network", true),

	/** HTTP 5xx: back off. */
	HTTP_5XX("http-5xx", true),

	/** {@code 503::Server is too busy}: back off. */
	TOO_BUSY("too-busy", true),

	/** An org limit ({@code 403::Organization ... limit exceeded}): back off for long. */
	ORG_LIMIT("org-limit", true),

	/** The server's answer was not Bayeux JSON or was larger than allowed: back off, then handshake. */
	MALFORMED("malformed", true),

	/** {@code 400::The replayId {N} you provided was invalid}: the invalid-replay-id policy decides. */
	INVALID_REPLAY_ID("invalid-replay-id", false),

	/** A configuration problem (no such channel, no permission): retrying cannot fix it. */
	CONFIGURATION("configuration", false),

	/** Any other error: back off, then handshake. */
	OTHER("other", true);

	private final String cause;

	private final boolean retryable;

	BayeuxErrorKind(String cause, boolean retryable) {
		this.cause = cause;
		this.retryable = retryable;
	}

	/** A short, low-cardinality name, as passed to {@code StreamingClientListener.reconnecting}. */
	public String cause() {
		return this.cause;
	}

	/** Whether retrying later could succeed. */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Classifies a Bayeux {@code error} and Salesforce's {@code ext.sfdc.failureReason}.
	 * @param error the error field, for example {@code 403::Unknown client}
	 * @param failureReason the failure reason, for example {@code 401::Authentication invalid}
	 * @return the kind
	 */
	public static BayeuxErrorKind classify(@Nullable String error, @Nullable String failureReason) {
		String text = ((error != null) ? error : "") + " | " + ((failureReason != null) ? failureReason : "");
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.startsWith("401") || (failureReason != null && failureReason.startsWith("401"))
				|| lower.contains("authentication invalid")) {
			return AUTHENTICATION;
		}
		if (lower.contains("unknown client")) {
			return UNKNOWN_CLIENT;
		}
		if (lower.contains("replayid") && lower.contains("invalid")) {
			return INVALID_REPLAY_ID;
		}
		if (lower.contains("too busy") || lower.startsWith("503")) {
			return TOO_BUSY;
		}
		if (lower.contains("limit exceeded")) {
			return ORG_LIMIT;
		}
		if (lower.contains("doesn't exist") || lower.contains("does not exist") || lower.contains("unknown channel")
				|| lower.contains("restricted channel") || lower.contains("not enabled for streaming")
				|| lower.contains("permission") || lower.contains("not allowed") || lower.startsWith("404")) {
			return CONFIGURATION;
		}
		return OTHER;
	}

}
