package io.github.sfstreaming.publish;

import io.micrometer.observation.Observation;

/**
 * The {@link Observation.Context} of a {@link PublishObservation}: the channel, the operation, the number of
 * events and, once Salesforce answered, the outcome.
 */
public class PublishObservationContext extends Observation.Context {

	private final String channel;

	private final String operation;

	private final int eventCount;

	private volatile String outcome = "error";

	/**
	 * Creates a context.
	 * @param channel the channel
	 * @param operation {@code publish}, {@code publish-batch} or {@code push}
	 * @param eventCount the number of events
	 */
	public PublishObservationContext(String channel, String operation, int eventCount) {
		this.channel = channel;
		this.operation = operation;
		this.eventCount = eventCount;
	}

	public String getChannel() {
		return this.channel;
	}

	public String getOperation() {
		return this.operation;
	}

	public int getEventCount() {
		return this.eventCount;
	}

	/** {@code success}, {@code partial}, {@code rejected}, or {@code error} until Salesforce answered. */
	public String getOutcome() {
		return this.outcome;
	}

	void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
