package io.github.sfstreaming.internal.bayeux;

import java.io.Serial;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for a message of a subscribed channel that was larger than {@code maxMessageSize}: it was skipped as
 * it arrived, not kept. It holds the message's channel, an empty {@code data} and, under {@code oversized}, its
 * size, the limit and its replay id when the server sent one, so that it can be reported like any malformed
 * message. It is never an event: its replay id is not stored.
 */
public final class OversizedMessage extends ObjectNode {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String problem;

	OversizedMessage(String channel, long replayId, long size, int maxMessageSize) {
		super(JsonNodeFactory.instance);
		put("channel", channel);
		putObject("data");
		ObjectNode oversized = putObject("oversized").put("size", size).put("maxMessageSize", maxMessageSize);
		if (replayId >= 0) {
			oversized.put("replayId", replayId);
		}
		this.problem = "it is " + size + " bytes, larger than maxMessageSize (" + maxMessageSize + " bytes, "
				+ "property salesforce.streaming.max-message-size), so it was skipped unread; "
				+ ((replayId >= 0) ? "its replay id " + replayId + " is not handled" : "its replay id is unknown")
				+ " (to receive it, raise the limit and replay the channel from before it)";
	}

	/** What is wrong with the message, in words, as for any malformed message. */
	public String problem() {
		return this.problem;
	}

}
