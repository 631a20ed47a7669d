package io.github.sfstreaming.sample;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.sfstreaming.emulator.EventFieldType;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

/**
 * Demo mode (see {@link DemoModeInitializer}): the Salesforce Streaming emulator runs in-process, and the starter
 * connects to it through its {@link SalesforceStreamingConnectionDetails}, in place of
 * {@code salesforce.streaming.login-url} and {@code salesforce.streaming.auth.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DemoModeInitializer.DEMO_ENABLED_PROPERTY)
class DemoModeConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DemoModeConfiguration.class);

	/** A bean, so that it is closed after the streaming client has stopped, not before. */
	@Bean(destroyMethod = "close")
	SalesforceStreamingEmulator demoEmulator(Environment environment) {
		if (!environment.getProperty(DemoModeInitializer.DEMO_ENABLED_PROPERTY, Boolean.class, false)) {
			// Only under AOT, where conditions were settled at build time.
			throw new IllegalStateException("This build of the sample was processed ahead of time in demo mode, "
					+ "but salesforce.streaming.auth.* is set (or " + DemoModeInitializer.DEMO_ENABLED_PROPERTY
					+ "=false): run it without -Dspring.aot.enabled=true, or process it with your credentials");
		}
		// the Pub/Sub API is served too (on a local port), so that --salesforce.streaming.transport=pubsub works
		SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.channels(SampleChannels.from(environment).all().toArray(String[]::new))
			.pubSub(true)
			.build()
			.start();
		// the order event's fields, so that the template can publish it over the Pub/Sub API too (whose schema must
		// name a field before an event may carry it)
		emulator.definePlatformEvent(SampleChannels.from(environment).platformEvent(),
				Map.of("Order_Number__c", EventFieldType.TEXT, "Total__c", EventFieldType.NUMBER));
		logger.info("DEMO MODE: no salesforce.streaming.auth.* properties are set, so the sample runs against an "
				+ "in-process Salesforce Streaming emulator at {} and publishes demo events on every channel. "
				+ "To connect a real org, set salesforce.streaming.login-url and salesforce.streaming.auth.* "
				+ "(see README, 'Connect your org').", emulator.baseUrl());
		return emulator;
	}

	@Bean
	SalesforceStreamingEmulatorConnectionDetails demoConnectionDetails(SalesforceStreamingEmulator demoEmulator) {
		return new SalesforceStreamingEmulatorConnectionDetails(demoEmulator);
	}

}
