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

	public LoginException(String message, @Nullable String error, @Nullable String errorDescription, int httpStatus,
			@Nullable Throwable cause) {
		super(message, cause);
		this.error = error;
		this.errorDescription = errorDescription;
		this.httpStatus = httpStatus;
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

	/** Retryable when the endpoint could not be reached or answered 5xx; a refused login is not. */
	@Override
	public boolean isRetryable() {
		return this.httpStatus == 0 || this.httpStatus >= 500;
	}

}
