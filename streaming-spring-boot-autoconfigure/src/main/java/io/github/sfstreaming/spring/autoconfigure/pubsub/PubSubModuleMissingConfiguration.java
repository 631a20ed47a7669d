package io.github.sfstreaming.spring.autoconfigure.pubsub;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingClientBuilderCustomizer;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;

/**
 * {@code transport=pubsub} without {@code streaming-pubsub}: the auto-configured client fails to build rather than
 * silently receive over CometD.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass(PubSubTransportConfiguration.PUBSUB_TRANSPORT_CLASS)
class PubSubModuleMissingConfiguration {

	@Bean
	SalesforceStreamingClientBuilderCustomizer salesforceStreamingPubSubModuleMissing() {
		return (builder) -> {
			throw new SalesforceStreamingTransportException(Problem.MODULE_MISSING,
					"'salesforce.streaming.transport' is pubsub, but the streaming-pubsub module ("
							+ PubSubTransportConfiguration.PUBSUB_TRANSPORT_CLASS + ") is not on the class path");
		};
	}

}
