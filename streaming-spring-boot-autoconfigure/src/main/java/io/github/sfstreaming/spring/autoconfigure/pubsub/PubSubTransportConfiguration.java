package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.time.Duration;

import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.auth.OrgIds;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.pubsub.PubSubSubscriberSettings;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.autoconfigure.PropertiesSalesforceStreamingPubSubConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubProperties;

/**
 * The Pub/Sub transport's beans, when {@code streaming-pubsub} is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = PubSubTransportConfiguration.PUBSUB_TRANSPORT_CLASS)
class PubSubTransportConfiguration {

	static final String PUBSUB_TRANSPORT_CLASS = "io.github.sfstreaming.pubsub.PubSubTransport";

	/** The name of the gRPC channel bean, so that an application's own gRPC channels are never taken for it. */
	static final String CHANNEL_BEAN_NAME = "salesforceStreamingPubSubChannel";

	private static final String PREFIX = "salesforce.streaming.pubsub.";

	@Bean
	@ConditionalOnMissingBean(SalesforceStreamingPubSubConnectionDetails.class)
	PropertiesSalesforceStreamingPubSubConnectionDetails salesforceStreamingPubSubConnectionDetails(
			SalesforceStreamingPubSubProperties pubSub) {
		return new PropertiesSalesforceStreamingPubSubConnectionDetails(pubSub);
	}

	/**
	 * The gRPC channel. Shut down at once with the context: by then the client has stopped (it depends on this
	 * channel through its transport), and a {@code Subscribe} stream never ends by itself, so a graceful shutdown
	 * would only wait.
	 */
	@Bean(name = CHANNEL_BEAN_NAME, destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = CHANNEL_BEAN_NAME)
	ManagedChannel salesforceStreamingPubSubChannel(SalesforceStreamingPubSubConnectionDetails connectionDetails,
			SalesforceStreamingProperties properties, SalesforceStreamingPubSubProperties pubSub,
			ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<SalesforceStreamingPubSubChannelBuilderCustomizer> customizers) {
		return new PubSubChannelFactory(connectionDetails, properties, pubSub, sslBundles.getIfAvailable())
			.create(customizers.orderedStream());
	}

	@Bean
	@ConditionalOnMissingBean
	PubSubTransport salesforceStreamingPubSubTransport(@Qualifier(CHANNEL_BEAN_NAME) ManagedChannel channel,
			TokenProvider tokenProvider, SalesforceStreamingPubSubConnectionDetails connectionDetails,
			SalesforceStreamingProperties properties, SalesforceStreamingPubSubProperties pubSub) {
		return new PubSubTransport(channel, tokenProvider, orgId(connectionDetails, pubSub),
				settings(properties, pubSub));
	}

	@Bean
	PubSubTransportCustomizer salesforceStreamingPubSubTransportCustomizer(PubSubTransport transport,
			ObjectProvider<ReplayStore> replayStore) {
		return new PubSubTransportCustomizer(transport, replayStore.getIfUnique());
	}

	@Bean
	PubSubListenerChannelValidator salesforceStreamingPubSubListenerChannelValidator() {
		return new PubSubListenerChannelValidator();
	}

	/**
	 * The org id given, or {@code null} for the one each login tells (the OAuth answer's id URL). The publisher
	 * sends the same.
	 */
	static @Nullable String orgId(SalesforceStreamingPubSubConnectionDetails connectionDetails,
			SalesforceStreamingPubSubProperties pubSub) {
		String orgId = connectionDetails.getOrgId();
		if (orgId == null) {
			orgId = pubSub.getOrgId();
		}
		if (orgId == null || orgId.isBlank()) {
			return null;
		}
		if (!OrgIds.isOrgId(orgId.trim())) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "org-id", orgId,
					"Must be Salesforce's 18 (or 15) character org id, starting with 00D");
		}
		return orgId.trim();
	}

	private static PubSubSubscriberSettings settings(SalesforceStreamingProperties properties,
			SalesforceStreamingPubSubProperties pubSub) {
		if (pubSub.getMaxCredit() < 1 || pubSub.getMaxCredit() > 100) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-credit", pubSub.getMaxCredit(),
					"Must be between 1 and 100 (Salesforce counts more as 100)");
		}
		positive(PREFIX + "keep-alive-timeout", pubSub.getKeepAliveTimeout());
		positive(PREFIX + "limit-back-off", pubSub.getLimitBackOff());
		Duration initial = positive("salesforce.streaming.backoff.initial", properties.getBackoff().getInitial());
		Duration max = positive("salesforce.streaming.backoff.max", properties.getBackoff().getMax());
		if (max.compareTo(initial) < 0) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.backoff.max", max,
					"Must not be less than backoff.initial");
		}
		return PubSubSubscriberSettings.defaults()
			.withMaxCredit(pubSub.getMaxCredit())
			.withKeepAliveTimeout(pubSub.getKeepAliveTimeout())
			.withLimitBackOff(pubSub.getLimitBackOff())
			.withBackOff(initial, max);
	}

	private static Duration positive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must be positive");
		}
		return value;
	}

}
