package io.github.sfstreaming.client;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the errors the client reports to its caller. Messages never contain a secret.
 */
public class StreamingException extends RuntimeException {

	public StreamingException(String message) {
		super(message);
	}

	public StreamingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether retrying later could succeed (a network error, an overloaded server), as opposed to an error
	 * that needs a change of configuration (bad credentials, a channel that does not exist).
	 */
	public boolean isRetryable() {
		return false;
	}

}
