package io.github.sfstreaming.spring.autoconfigure.health;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Transport;
import io.github.sfstreaming.spring.cluster.StreamingClusterMember;
import io.github.sfstreaming.spring.health.SalesforceStreamingHealthIndicator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code salesforceStreaming} health indicator, which
 * {@code management.health.salesforce-streaming.enabled=false} switches off.
 */
@AutoConfiguration(after = SalesforceStreamingAutoConfiguration.class,
		afterName = "io.github.sfstreaming.spring.autoconfigure.cluster.SalesforceStreamingClusterAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
		SalesforceStreamingClient.class })
@ConditionalOnBean(SalesforceStreamingClient.class)
@ConditionalOnEnabledHealthIndicator("salesforcestreaming")
public final class SalesforceStreamingHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "salesforceStreamingHealthIndicator", "salesforceStreamingHealthContributor" })
	SalesforceStreamingHealthIndicator salesforceStreamingHealthIndicator(
			ObjectProvider<SalesforceStreamingClient> client, ObjectProvider<StreamingClusterMember> clusterMember,
			SalesforceStreamingProperties properties) {
		Duration reconnecting = notNegative("reconnecting-threshold",
				properties.getHealth().getReconnectingThreshold());
		Duration pollingPause = notNegative("polling-pause-threshold",
				properties.getHealth().getPollingPauseThreshold());
		SalesforceStreamingHealthIndicator indicator = new SalesforceStreamingHealthIndicator(client::getObject,
				reconnecting, pollingPause, clusterMember::getIfUnique);
		if (properties.getTransport() == Transport.PUBSUB) {
			indicator.setReplayIdFormat(ReplayIdFormat.OPAQUE);
		}
		return indicator;
	}

	private static Duration notNegative(String property, Duration threshold) {
		if (threshold == null || threshold.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.health." + property, threshold,
					"Must not be negative");
		}
		return threshold;
	}

}
