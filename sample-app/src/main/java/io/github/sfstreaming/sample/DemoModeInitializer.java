package io.github.sfstreaming.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches the sample to demo mode when no credentials are configured, so that it runs on a machine with no
 * Salesforce org: sets {@value #DEMO_ENABLED_PROPERTY}, which turns on {@link DemoModeConfiguration} (the
 * in-process emulator and the connection to it). Registered in {@code META-INF/spring.factories}, so it runs
 * before any condition reads the property.
 * <p>
 * It only sets properties, and the emulator is an ordinary bean: ahead-of-time processing records the bean
 * definitions, and the application runs the same way with {@code -Dspring.aot.enabled=true} or as a native image.
 */
public class DemoModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Set to {@code true} by this initializer when the sample runs against its own emulator. */
	public static final String DEMO_ENABLED_PROPERTY = "sample.demo.enabled";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (hasCredentials(environment) || !environment.getProperty(DEMO_ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		Map<String, Object> demo = new LinkedHashMap<>();
		demo.put(DEMO_ENABLED_PROPERTY, "true");
		// Each run has a new emulator whose replay ids start again at 1, so ids stored by an earlier demo run
		// mean nothing to it: keep each run's ids apart (a real org keeps its ids, and so does the app).
		demo.put("salesforce.streaming.replay.consumer", "sample-demo-" + System.currentTimeMillis());
		environment.getPropertySources().addFirst(new MapPropertySource("sampleDemoMode", demo));
	}

	static boolean hasCredentials(ConfigurableEnvironment environment) {
		return environment.containsProperty("salesforce.streaming.auth.client-id")
				|| environment.containsProperty("salesforce.streaming.auth.username")
				|| environment.containsProperty("salesforce.streaming.auth.refresh-token");
	}

}
