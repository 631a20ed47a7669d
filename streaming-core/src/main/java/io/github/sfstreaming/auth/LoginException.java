package io.github.sfstreaming.auth;

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

	/**
	 * Creates an exception for an answer of the token endpoint, or for an endpoint that could not be reached
	 * ({@code httpStatus} 0): retryable when unreachable or answering 5xx.
	 * @param message the message, without secrets
	 * @param error Salesforce's {@code error}, or {@code null}
	 * @param errorDescription Salesforce's {@code error_description}, or {@code null}
	 * @param httpStatus the HTTP status, or 0
	 * @param cause the cause, or {@code null}
	 */
	public LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			@Nullable Throwable cause) {
		this(message, error, errorDescription, httpStatus, httpStatus == 0 || httpStatus >= 500, cause);
	}

	/**
	 * Creates an exception for a token endpoint that could not be reached, saying whether retrying may help
	 * (not for an untrusted certificate, for example).
	 * @param message the message, without secrets
	 * @param retryable whether retrying later may succeed
	 * @param cause the cause
	 */
	public LoginException(String message, boolean retryable, Throwable cause) {
		this(message, null, null, 0, retryable, cause);
	}

	private LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			boolean retryable, @Nullable Throwable cause) {
		super(message, cause);
		this.error = error;
		this.errorDescription = errorDescription;
		this.httpStatus = httpStatus;
		this.retryable = retryable;
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
	 * Retryable when the endpoint could not be reached or answered 5xx; a refused login is not, nor an endpoint
	 * whose certificate is not trusted or a proxy that refuses the credentials.
	 */
	@Override
	public boolean isRetryable() {
		return this.retryable;
	}

}
