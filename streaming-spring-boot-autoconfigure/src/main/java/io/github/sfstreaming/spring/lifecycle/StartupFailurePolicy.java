package io.github.sfstreaming.spring.lifecycle;

/**
 * What {@link SalesforceStreamingLifecycle} does when the client cannot connect while the application
 * starts.
 */
public enum StartupFailurePolicy {

	/**
	 * Fail the application context on any error, and when the client is not connected with every channel
	 * subscribed within the start-up timeout.
	 */
	FAIL,

	/**
	 * Fail the application context on errors that retrying cannot fix, such as bad credentials or a channel
	 * that does not exist; keep retrying in the background on the others (Salesforce unreachable or too busy).
	 */
	RETRY,

	/**
	 * Never fail the application context: log the error, and keep retrying in the background when the
	 * error allows it.
	 */
	CONTINUE

}
