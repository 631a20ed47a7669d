package io.github.sfstreaming.spring.autoconfigure.pubsub;

import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;
import io.github.sfstreaming.spring.config.ListenerChannelValidator;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpoint;

/**
 * Fails start-up for a listener of a channel the Pub/Sub API does not carry (a PushTopic or a generic channel),
 * naming the listener, rather than fail its subscription once the application runs.
 */
final class PubSubListenerChannelValidator implements ListenerChannelValidator {

	@Override
	public void validate(SalesforceListenerEndpoint endpoint, String channel) {
		if (!PubSubTransport.carries(channel)) {
			throw new SalesforceStreamingTransportException(Problem.CHANNEL_NOT_CARRIED, endpoint.describe()
					+ " listens to " + channel + ", which the Pub/Sub API does not carry, and "
					+ "'salesforce.streaming.transport' is pubsub");
		}
	}

}
