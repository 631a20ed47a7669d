package io.github.sfstreaming.internal.bayeux;

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

	/**
	 * A limit ({@code 403::Organization concurrent user limit exceeded}, the per-server connection limit,
	 * {@code Subscription limit exceeded for this topic}): back off for long.
	 */
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
	 * Classifies a Bayeux {@code error} and Salesforce's {@code ext.sfdc.failureReason}. The failure reason, when
	 * present and recognised, decides: it holds the real cause ({@code 403::Handshake denied} with
	 * {@code 401::Authentication invalid} means log in again; {@code 401::Authentication invalid} with
	 * {@code 503::Server is too busy} means back off). Otherwise the error decides.
	 * @param error the error field, for example {@code 403::Unknown client}
	 * @param failureReason the failure reason, for example {@code 401::Authentication invalid}
	 * @return the kind
	 */
	public static BayeuxErrorKind classify(@Nullable String error, @Nullable String failureReason) {
		BayeuxErrorKind kind = (failureReason != null) ? recognise(failureReason) : null;
		if (kind == null && error != null) {
			kind = recognise(error);
		}
		return (kind != null) ? kind : OTHER;
	}

	/** The kind one Salesforce error text means, or {@code null} when it is not recognised. */
	private static @Nullable BayeuxErrorKind recognise(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		String code = (lower.length() >= 3) ? lower.substring(0, 3) : "";
		if (lower.contains("too busy")) {
			return TOO_BUSY;
		}
		if (code.equals("401") || lower.contains("authentication invalid")
				|| lower.contains("requires authentication")) {
			return AUTHENTICATION;
		}
		// the session is gone, or its cookie is: a new handshake starts a new one
		if (lower.contains("unknown client") || lower.contains("session_unknown")
				|| lower.contains("not completed handshake") || lower.contains("cookie present")) {
			return UNKNOWN_CLIENT;
		}
		if (lower.contains("replayid") && lower.contains("invalid")) {
			return INVALID_REPLAY_ID;
		}
		if (isConfiguration(lower) || code.equals("404") || code.equals("413")) {
			return CONFIGURATION;
		}
		// "Organization concurrent user limit exceeded", "... limit has been exceeded", per-server connections
		if (lower.contains("limit exceeded") || lower.contains("limit has been exceeded")
				|| lower.contains("simultaneous connections")) {
			return ORG_LIMIT;
		}
		if (code.equals("503")) {
			return TOO_BUSY;
		}
		return null;
	}

	/** Whether the text names a problem of the channel, the user's permissions or the client's setup. */
	private static boolean isConfiguration(String lower) {
		// "doesn't exist", "doesn\u2019t exist" (the guide's spelling), "does not exist", "do not exist"
		return lower.contains("n't exist") || lower.contains("n\u2019t exist") || lower.contains("not exist")
				|| lower.contains("unknown channel")
				|| lower.contains("restricted channel") || lower.contains("not enabled for streaming")
				|| lower.contains("permission") || lower.contains("not allowed") || lower.contains("no access")
				|| lower.contains("does not have access") || lower.contains("create channel")
				|| lower.contains("channel name") || lower.contains("channel subscriptions must")
				|| lower.contains("may not vary only by case") || lower.contains("connection type")
				|| lower.contains("api version") || lower.contains("request size");
	}

}
