package io.github.sfstreaming.spring.autoconfigure.pubsub;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingClientBuilderCustomizer;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;

/**
 * Plugs the {@link PubSubTransport} into the auto-configured client, after checking that the replay store keeps
 * its opaque replay ids. First of the customizers, so that an application's own may still change the transport.
 */
final class PubSubTransportCustomizer implements SalesforceStreamingClientBuilderCustomizer, Ordered {

	private final PubSubTransport transport;

	private final @Nullable ReplayStore replayStore;

	/**
	 * @param transport the transport
	 * @param replayStore the replay store the client is built with, or {@code null} if it is not a unique bean
	 */
	PubSubTransportCustomizer(PubSubTransport transport, @Nullable ReplayStore replayStore) {
		this.transport = transport;
		this.replayStore = replayStore;
	}

	@Override
	public void customize(SalesforceStreamingClient.Builder builder) {
		ReplayStore store = this.replayStore;
		if (store != null && !store.formats().contains(ReplayIdFormat.OPAQUE)) {
			throw new SalesforceStreamingTransportException(Problem.REPLAY_STORE_FORMAT,
					"'salesforce.streaming.transport' is pubsub, but the replay store " + store.getClass().getName()
							+ " keeps only " + store.formats() + " replay ids: the Pub/Sub API's are opaque bytes "
							+ "(OPAQUE), which it cannot keep");
		}
		builder.transport(this.transport);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
