package io.github.sfstreaming.spring.lifecycle;

/**
 * Thrown by {@link SalesforceStreamingLifecycle#start()} when the client could not connect and the
 * {@link StartupFailurePolicy} says to fail the application context. Its message never contains a secret.
 */
public class SalesforceStreamingStartupException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param cause the client's error
	 */
	public SalesforceStreamingStartupException(String message, Throwable cause) {
		super(message, cause);
	}

}
