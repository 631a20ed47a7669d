package io.github.sfstreaming.spring.autoconfigure.pubsub;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.spring.metrics.SalesforceStreamingPubSubMetrics;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Pub/Sub
 * transport's meters: credit outstanding, keep-alives, and the Pub/Sub reconnect causes.
 */
@AutoConfiguration(after = SalesforceStreamingPubSubAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
						+ "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, PubSubTransport.class })
@ConditionalOnBean({ MeterRegistry.class, PubSubTransport.class })
public final class SalesforceStreamingPubSubMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SalesforceStreamingPubSubMetrics salesforceStreamingPubSubMetrics(MeterRegistry meterRegistry,
			PubSubTransport transport) {
		return new SalesforceStreamingPubSubMetrics(meterRegistry, transport);
	}

}
