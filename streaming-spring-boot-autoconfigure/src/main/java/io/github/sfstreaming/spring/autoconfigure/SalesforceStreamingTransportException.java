package io.github.sfstreaming.spring.autoconfigure;

/**
 * Thrown at start-up when the transport chosen by {@code salesforce.streaming.transport} cannot run as the
 * application is configured. {@link SalesforceStreamingTransportFailureAnalyzer} turns it into a start-up report
 * that names the property to fix.
 */
public class SalesforceStreamingTransportException extends IllegalStateException {

	/** What is wrong. */
	public enum Problem {

		/** {@code transport=pubsub} without the {@code streaming-pubsub} module on the class path. */
		MODULE_MISSING,

		/** A listener's channel is one the transport does not carry (a PushTopic or generic channel on Pub/Sub). */
		CHANNEL_NOT_CARRIED,

		/** The replay store cannot keep the transport's replay ids (Pub/Sub's opaque ones). */
		REPLAY_STORE_FORMAT,

		/** {@code publish.all-or-none=true} while the template publishes over the Pub/Sub API, which has none. */
		PUBLISH_ALL_OR_NONE

	}

	private final Problem problem;

	/**
	 * Creates an exception.
	 * @param problem what is wrong
	 * @param message what happened, naming the property, listener or bean concerned
	 */
	public SalesforceStreamingTransportException(Problem problem, String message) {
		super(message);
		this.problem = problem;
	}

	/**
	 * What is wrong.
	 * @return the problem
	 */
	public Problem getProblem() {
		return this.problem;
	}

}
