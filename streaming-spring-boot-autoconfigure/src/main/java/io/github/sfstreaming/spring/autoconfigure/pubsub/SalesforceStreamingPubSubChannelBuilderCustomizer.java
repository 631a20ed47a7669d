package io.github.sfstreaming.spring.autoconfigure.pubsub;

import io.grpc.ManagedChannelBuilder;

/**
 * Callback that customizes the builder of the auto-configured gRPC channel to the Pub/Sub API (keep-alive pings,
 * interceptors, executors), after the properties were applied. Declare one or more as beans.
 */
@FunctionalInterface
public interface SalesforceStreamingPubSubChannelBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ManagedChannelBuilder<?> builder);

}
