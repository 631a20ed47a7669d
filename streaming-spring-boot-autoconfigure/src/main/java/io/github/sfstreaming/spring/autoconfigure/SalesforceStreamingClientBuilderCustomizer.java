package io.github.sfstreaming.spring.autoconfigure;

import io.github.sfstreaming.client.SalesforceStreamingClient;

/**
 * Callback that customizes the {@link SalesforceStreamingClient.Builder} of the auto-configured client,
 * after the properties were applied. Declare one or more as beans.
 */
@FunctionalInterface
public interface SalesforceStreamingClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SalesforceStreamingClient.Builder builder);

}
