package io.github.sfstreaming.spring.e2e;

import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

/**
 * What the TLS and proxy end-to-end tests share: an application with one listener, started against the emulator
 * with the emulator's credentials and the {@code fail} start-up policy, and the test key material of
 * {@code src/test/resources/tls} (see the README there).
 */
abstract class TransportTestSupport {

	static final String CHANNEL = "/event/Order__e";

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final String STORE_PASSWORD = "changeit";

	/** The properties of an SSL bundle {@code salesforce} that trusts the emulator's test certificate. */
	static final String[] TRUSTING_BUNDLE = {
			"spring.ssl.bundle.jks.salesforce.truststore.location=classpath:tls/truststore.p12",
			"spring.ssl.bundle.jks.salesforce.truststore.password=" + STORE_PASSWORD,
			"spring.ssl.bundle.jks.salesforce.truststore.type=PKCS12", "salesforce.streaming.ssl.bundle=salesforce" };

	static final List<PlatformEvent> received = new CopyOnWriteArrayList<>();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void clearReceived() {
		received.clear();
	}

	@AfterEach
	void closeApplications() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	/** An emulator builder with a short long poll and the channel. */
	static SalesforceStreamingEmulator.Builder emulator() {
		return SalesforceStreamingEmulator.builder().longPollTimeout(Duration.ofSeconds(2)).channels(CHANNEL);
	}

	/** The same, serving HTTPS with the test certificate for {@code localhost}. */
	static SalesforceStreamingEmulator.Builder httpsEmulator() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = TransportTestSupport.class.getResourceAsStream("/tls/localhost.p12")) {
			keyStore.load(in, STORE_PASSWORD.toCharArray());
		}
		return emulator().tls(keyStore, STORE_PASSWORD.toCharArray());
	}

	/** Starts the application against the emulator; the context is closed after the test. */
	ConfigurableApplicationContext start(SalesforceStreamingEmulator emulator, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.application.name=transport-e2e",
				"salesforce.streaming.replay.store=memory", "salesforce.streaming.replay.default=all",
				"salesforce.streaming.startup.failure-policy=fail", "salesforce.streaming.startup.timeout=20s",
				"salesforce.streaming.shutdown-timeout=5s"));
		properties.addAll(List.of(more));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TransportApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(emulator))
			.properties(properties.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	static String[] concat(String[] first, String... second) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(second));
		return all.toArray(String[]::new);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TransportApplication {

		@Bean
		OrderListener orderListener() {
			return new OrderListener();
		}

	}

	static class OrderListener {

		@SalesforceListener(CHANNEL)
		void onOrder(PlatformEvent event) {
			received.add(event);
		}

	}

}
