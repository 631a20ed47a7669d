package io.github.sfstreaming.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.client.StreamingException;

/**
 * Salesforce refused a login, or the token endpoint could not be reached. Carries Salesforce's {@code error}
 * and {@code error_description}, never the credentials.
 */
public class LoginException extends StreamingException {

	private final @Nullable String error;

	private final @Nullable String errorDescription;

	private final int httpStatus;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception for an answer of the token endpoint, or for an endpoint that could not be reached
	 * ({@code httpStatus} 0): retryable unless the answer is a definitive OAuth error (see {@link #isRetryable()}).
	 * @param message the message, without secrets
	 * @param error Salesforce's {@code error}, or {@code null}
	 * @param errorDescription Salesforce's {@code error_description}, or {@code null}
	 * @param httpStatus the HTTP status, or 0
	 * @param cause the cause, or {@code null}
	 */
	public LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			@Nullable Throwable cause) {
		this(message, error, errorDescription, httpStatus, null, cause);
	}

	/**
	 * Creates an exception for an answer of the token endpoint that may carry a {@code Retry-After}: retryable
	 * unless the answer is a definitive OAuth error (see {@link #isRetryable()}).
	 * @param message the message, without secrets
	 * @param error Salesforce's {@code error}, or {@code null}
	 * @param errorDescription Salesforce's {@code error_description}, or {@code null}
	 * @param httpStatus the HTTP status, or 0
	 * @param retryAfter how long the server asked to wait before trying again, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		this(message, error, errorDescription, httpStatus, LoginFailures.isRetryable(httpStatus, error), retryAfter,
				cause);
	}

	/**
	 * Creates an exception for a token endpoint that could not be reached or a login that could not be made,
	 * saying whether retrying may help (not for an untrusted certificate, for example).
	 * @param message the message, without secrets
	 * @param retryable whether retrying later may succeed
	 * @param cause the cause, or {@code null}
	 */
	public LoginException(String message, boolean retryable, @Nullable Throwable cause) {
		this(message, null, null, 0, retryable, null, cause);
	}

	LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.error = error;
		this.errorDescription = errorDescription;
		this.httpStatus = httpStatus;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/** Salesforce's {@code error} code, for example {@code invalid_grant}; {@code null} if none was received. */
	public @Nullable String getError() {
		return this.error;
	}

	/** Salesforce's {@code error_description}; {@code null} if none was received. */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/** The token endpoint's HTTP status, or 0 when it could not be reached. */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * How long the token endpoint (or a proxy before it) asked to wait with {@code Retry-After}, at most a day.
	 * @return the wait, or {@code null} when none was asked for
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether a later login may succeed. Only a definitive OAuth answer is final ({@code invalid_grant},
	 * {@code invalid_client_id}, {@code invalid_client}, {@code unsupported_grant_type}, {@code invalid_request},
	 * {@code inactive_user}, {@code inactive_org} and the like), and so is a server certificate that is not
	 * trusted or a proxy that refuses the credentials. An endpoint that could not be reached, a 408, 429 or
	 * 5xx, and an answer that is no OAuth error (a proxy's error page) are retryable.
	 */
	@Override
	public boolean isRetryable() {
		return this.retryable;
	}

}
