package io.github.sfstreaming.spring.event;

import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.logging.ServerText;

/**
 * Published when a message arrived on a subscribed channel that cannot be an event: its {@code data} is not an
 * object, it has no {@code event} object, its replay id is missing, negative or not a whole number, or it is
 * larger than {@code salesforce.streaming.max-message-size} (then {@link #getMessage()} is a stand-in, see
 * {@code StreamingClientListener#eventMalformed}). The client drops it: it is not handed to the channel's listeners
 * and its replay id is not stored; the channel's other events go on. Listen to this event to keep such messages,
 * for example for a support case.
 */
public class MalformedEventReceivedEvent extends SalesforceStreamingEvent {

	private final String channel;

	private final JsonNode message;

	private final String problem;

	/**
	 * Creates an event.
	 * @param source the client
	 * @param channel the channel
	 * @param message the whole Bayeux message as received
	 * @param problem what is wrong with it
	 */
	public MalformedEventReceivedEvent(Object source, String channel, JsonNode message, String problem) {
		super(source);
		this.channel = channel;
		this.message = message;
		this.problem = problem;
	}

	/** The channel. */
	public String getChannel() {
		return this.channel;
	}

	/** The whole Bayeux message as received, a copy that the listeners of this event share. */
	public JsonNode getMessage() {
		return this.message;
	}

	/** What is wrong with the message, in words. */
	public String getProblem() {
		return this.problem;
	}

	@Override
	public String toString() {
		// not the message: what the server sent may be long, and is for the application to keep, not to print
		return "MalformedEventReceivedEvent[channel=" + ServerText.escape(this.channel) + ", problem="
				+ ServerText.escape(this.problem) + "]";
	}

}
