package io.github.sfstreaming.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * Starts the Salesforce Streaming emulator in-process and points the starter at it when no credentials are
 * configured, so that the sample runs on a machine with no Salesforce org. Registered in
 * {@code META-INF/spring.factories}, so it runs before any bean reads {@code salesforce.streaming.*}.
 */
public class DemoModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Set to {@code true} by this initializer when the sample runs against its own emulator. */
	public static final String DEMO_ENABLED_PROPERTY = "sample.demo.enabled";

	private static final Logger logger = LoggerFactory.getLogger(DemoModeInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (hasCredentials(environment) || !environment.getProperty(DEMO_ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.channels(SampleChannels.from(environment).all().toArray(String[]::new))
			.build()
			.start();
		if (context instanceof GenericApplicationContext registry) {
			// A bean, so that it is closed after the streaming client has stopped, not before.
			registry.registerBean("demoEmulator", SalesforceStreamingEmulator.class, () -> emulator);
		}
		else {
			context.addApplicationListener((ContextClosedEvent event) -> emulator.close());
			context.getBeanFactory().registerSingleton("demoEmulator", emulator);
		}

		Map<String, Object> demo = new LinkedHashMap<>();
		demo.put(DEMO_ENABLED_PROPERTY, "true");
		demo.put("salesforce.streaming.login-url", emulator.baseUrl().toString());
		// The emulator's default credentials; a real org needs your connected app's (see README).
		demo.put("salesforce.streaming.auth.client-id", "test-client-id");
		demo.put("salesforce.streaming.auth.client-secret", "test-client-secret");
		demo.put("salesforce.streaming.auth.username", "user@example.com");
		demo.put("salesforce.streaming.auth.password", "pass");
		// Each run has a new emulator whose replay ids start again at 1, so ids stored by an earlier demo run
		// mean nothing to it: keep each run's ids apart (a real org keeps its ids, and so does the app).
		demo.put("salesforce.streaming.replay.consumer", "sample-demo-" + System.currentTimeMillis());
		environment.getPropertySources().addFirst(new MapPropertySource("sampleDemoMode", demo));
		logger.info("DEMO MODE: no salesforce.streaming.auth.* properties are set, so the sample runs against an "
				+ "in-process Salesforce Streaming emulator at {} and publishes demo events on every channel. "
				+ "To connect a real org, set salesforce.streaming.login-url and salesforce.streaming.auth.* "
				+ "(see README, 'Connect your org').", emulator.baseUrl());
	}

	private static boolean hasCredentials(ConfigurableEnvironment environment) {
		return environment.containsProperty("salesforce.streaming.auth.client-id")
				|| environment.containsProperty("salesforce.streaming.auth.username")
				|| environment.containsProperty("salesforce.streaming.auth.refresh-token");
	}

}
