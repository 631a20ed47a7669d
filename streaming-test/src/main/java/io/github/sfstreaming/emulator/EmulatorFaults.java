package io.github.sfstreaming.emulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Injects the failures a Salesforce client must survive. Obtain it from
 * {@link SalesforceStreamingEmulator#faults()}; {@link SalesforceStreamingEmulator#reset()} disarms every fault.
 */
public final class EmulatorFaults {

	private final TokenStore tokens;

	private final FaultState state;

	private final ChannelRegistry channels;

	private final SessionControl sessions;

	EmulatorFaults(TokenStore tokens, FaultState state, ChannelRegistry channels, SessionControl sessions) {
		this.tokens = tokens;
		this.state = state;
		this.channels = channels;
		this.sessions = sessions;
	}

	/**
	 * Invalidates every access token issued so far. A handshake then gets {@code 403::Handshake denied} with
	 * {@code ext.sfdc.failureReason} {@code 401::Authentication invalid}; any other message gets
	 * {@code 401::Authentication invalid} with advice {@code reconnect: none}. A new login works.
	 */
	public void expireTokens() {
		this.tokens.expireAll();
	}

	/**
	 * Forgets every Bayeux session: a held {@code /meta/connect} answers at once, and every request of those
	 * sessions gets {@code 403::Unknown client} with advice {@code reconnect: handshake}.
	 */
	public void dropSessions() {
		this.sessions.dropAll();
	}

	/**
	 * Answers the next Bayeux HTTP requests with an HTTP error status instead of Bayeux messages.
	 * @param status the HTTP status, 400 to 599
	 * @param count how many requests get it
	 */
	public void httpError(int status, int count) {
		this.state.httpError(status, count);
	}

	/**
	 * Delays the next Bayeux HTTP requests before handling them.
	 * @param delay how long each waits
	 * @param count how many requests are delayed
	 */
	public void delay(Duration delay, int count) {
		this.state.delay(delay, count);
	}

	/**
	 * Drops all but the last events of every channel: replay ids of dropped events become invalid
	 * ({@code 400::The replayId {N} you provided was invalid...} on subscribe).
	 * @param keepLast how many events each channel keeps
	 */
	public void trimRetention(int keepLast) {
		if (keepLast < 0) {
			throw new IllegalArgumentException("keepLast must not be negative, not " + keepLast);
		}
		this.channels.keepLast(keepLast);
	}

	/**
	 * Sends {@code /meta/disconnect} to every Bayeux session and ends it, as Salesforce may since API 64.0. The
	 * message leaves at once with the held {@code /meta/connect} (or with the next one); after it, requests of that
	 * session get {@code 403::Unknown client}.
	 */
	public void serverDisconnect() {
		this.sessions.disconnectAll();
	}

	/**
	 * Answers the next messages on a meta channel with {@code successful: false} and the given error, for example
	 * {@code 503::Server is too busy. Please try your request again later.} or
	 * {@code 403::Organization concurrent user limit exceeded}.
	 * @param metaChannel {@code /meta/handshake}, {@code /meta/connect}, {@code /meta/subscribe},
	 * {@code /meta/unsubscribe} or {@code /meta/disconnect}
	 * @param error the Bayeux error, {@code code:args:message}
	 * @param count how many messages get it
	 */
	public void bayeuxError(String metaChannel, String error, int count) {
		this.state.bayeuxError(metaChannel, error, count);
	}

	/** Disarms every armed fault (expired tokens and dropped sessions stay gone). */
	public void clear() {
		this.state.clear();
	}

	/**
	 * Replaces the advice of the next successful {@code /meta/connect} replies with the given interval and timeout,
	 * however absurd (an interval of years, a timeout of {@link Long#MAX_VALUE}), to see how a client takes them.
	 * @param intervalMillis the advice {@code interval}, in milliseconds; any value, negative included
	 * @param timeoutMillis the advice {@code timeout}, in milliseconds; any value, negative included
	 * @param count how many replies get it
	 */
	public void connectAdvice(long intervalMillis, long timeoutMillis, int count) {
		this.state.connectAdvice(intervalMillis, timeoutMillis, count);
	}

	/**
	 * Answers the next requests to the OAuth token endpoint with an HTTP error and an HTML error page, as
	 * Salesforce's edge or a proxy before it does when overloaded or down: no OAuth {@code error}, so a client
	 * should try again later rather than take it for refused credentials.
	 * @param status the HTTP status, 400 to 599, for example 429, 408, 503, or 400 for a proxy's error page
	 * @param count how many token requests get it
	 * @param retryAfter the {@code Retry-After} header to send (seconds or an HTTP date), or {@code null} for none
	 */
	public void tokenEndpointError(int status, int count, @Nullable String retryAfter) {
		this.state.tokenEndpointError(status, count, retryAfter);
	}

}
