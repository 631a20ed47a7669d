package io.github.sfstreaming.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.metrics.SalesforceStreamingMetrics;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Salesforce
 * Streaming meters. Listener calls are timed by their observation ({@code salesforce.streaming.listener}), which
 * Boot's meter observation handler turns into a timer.
 */
@AutoConfiguration(after = SalesforceStreamingAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
						+ "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, SalesforceStreamingClient.class })
@ConditionalOnBean({ MeterRegistry.class, SalesforceStreamingClient.class })
public final class SalesforceStreamingMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SalesforceStreamingMetrics salesforceStreamingMetrics(MeterRegistry meterRegistry,
			ObjectProvider<SalesforceStreamingClient> client) {
		return new SalesforceStreamingMetrics(meterRegistry, client::getIfUnique);
	}

}
