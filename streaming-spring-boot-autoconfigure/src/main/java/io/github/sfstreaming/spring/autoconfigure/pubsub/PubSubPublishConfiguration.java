package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.time.Duration;

import io.grpc.ManagedChannel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.publish.EventPublisher;
import io.github.sfstreaming.pubsub.PubSubEventPublisher;
import io.github.sfstreaming.pubsub.PubSubPublisherSettings;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPublishProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;

/**
 * The template's publisher under {@code transport=pubsub}: platform events go out with the Pub/Sub API's
 * {@code Publish} call over the transport's own channel, token provider and org id, so that one application talks
 * to one API. The template picks up a single {@link EventPublisher} bean, so one of the application's replaces
 * this one, as it replaces the REST API under CometD; {@code salesforce.streaming.publish.transport=rest} keeps the
 * REST API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { PubSubTransportConfiguration.PUBSUB_TRANSPORT_CLASS,
		PubSubPublishConfiguration.PUBSUB_PUBLISHER_CLASS })
@ConditionalOnBooleanProperty(name = "salesforce.streaming.publish.enabled", matchIfMissing = true)
@Conditional(OnPubSubPublishingCondition.class)
@EnableConfigurationProperties(SalesforceStreamingPublishProperties.class)
class PubSubPublishConfiguration {

	static final String PUBSUB_PUBLISHER_CLASS = "io.github.sfstreaming.pubsub.PubSubEventPublisher";

	@Bean
	@ConditionalOnBean(TokenProvider.class)
	@ConditionalOnMissingBean(EventPublisher.class)
	PubSubEventPublisher salesforceStreamingPubSubEventPublisher(
			@Qualifier(PubSubTransportConfiguration.CHANNEL_BEAN_NAME) ManagedChannel channel,
			TokenProvider tokenProvider, SalesforceStreamingPubSubConnectionDetails connectionDetails,
			SalesforceStreamingPubSubProperties pubSub, SalesforceStreamingPublishProperties publish) {
		if (publish.isAllOrNone()) {
			// Fails here rather than at the first publishAll, which would be in production.
			throw new SalesforceStreamingTransportException(Problem.PUBLISH_ALL_OR_NONE,
					"'salesforce.streaming.publish.all-or-none' is true, but the template publishes over the Pub/Sub "
							+ "API ('salesforce.streaming.transport' is pubsub), which has no all-or-none mode: "
							+ "it publishes or refuses each event of a batch on its own");
		}
		PubSubPublisherSettings settings = PubSubPublisherSettings.defaults().withTimeout(timeout(publish));
		String orgId = PubSubTransportConfiguration.orgId(connectionDetails, pubSub);
		return (orgId != null) ? new PubSubEventPublisher(channel, tokenProvider, orgId, settings)
				: new PubSubEventPublisher(channel, tokenProvider, settings);
	}

	/** Checked here too: this bean may be created before the template, which checks it as well. */
	private static Duration timeout(SalesforceStreamingPublishProperties publish) {
		Duration timeout = publish.getTimeout();
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.publish.timeout", timeout,
					"Must be positive");
		}
		return timeout;
	}

}
