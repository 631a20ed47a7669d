package io.github.sfstreaming.publish;

import java.util.Map;

/**
 * What Salesforce answered for a push to a generic streaming channel.
 *
 * @param fanoutCount how many of the given users were online and got the event; {@code -1} when the event was
 * broadcast to every subscriber, {@code 0} when nobody got it
 * @param userOnlineStatus for each user id given, whether it is subscribed and listening; empty for a broadcast
 */
public record PushResult(int fanoutCount, Map<String, Boolean> userOnlineStatus) {

	public PushResult {
		userOnlineStatus = Map.copyOf(userOnlineStatus);
	}

}
