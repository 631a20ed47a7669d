package io.github.sfstreaming.spring.test;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.github.sfstreaming.emulator.EmulatorCredentials;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubConnectionDetails;

/**
 * The connection details of a running {@link SalesforceStreamingEmulator}: its base URL as the login URL and its
 * {@linkplain SalesforceStreamingEmulator#credentials() credentials} for the password grant; and, for
 * {@code salesforce.streaming.transport=pubsub}, its Pub/Sub API ({@linkplain
 * SalesforceStreamingEmulator.Builder#pubSub(boolean) enabled} on the emulator): its host and local port, plaintext
 * unless the emulator serves TLS (the org id comes with its tokens). The emulator is asked each time, so details
 * made before it starts (or for one that a JUnit extension restarts) stay right.
 * <pre class="code">
 * new ApplicationContextRunner().withBean(SalesforceStreamingConnectionDetails.class,
 *         () -&gt; new SalesforceStreamingEmulatorConnectionDetails(emulator));
 * new SpringApplicationBuilder(MyApplication.class)
 *     .initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(emulator));
 * </pre>
 */
public final class SalesforceStreamingEmulatorConnectionDetails
		implements SalesforceStreamingConnectionDetails, SalesforceStreamingPubSubConnectionDetails {

	/** The name of the bean that {@link #initializer(SalesforceStreamingEmulator)} registers. */
	public static final String BEAN_NAME = "salesforceStreamingEmulatorConnectionDetails";

	private final Supplier<SalesforceStreamingEmulator> emulator;

	/**
	 * The details of an emulator.
	 * @param emulator the emulator, started before the details are read
	 */
	public SalesforceStreamingEmulatorConnectionDetails(SalesforceStreamingEmulator emulator) {
		this(() -> emulator);
	}

	/**
	 * The details of the emulator that a supplier gives when they are read.
	 * @param emulator supplies the running emulator
	 */
	public SalesforceStreamingEmulatorConnectionDetails(Supplier<SalesforceStreamingEmulator> emulator) {
		this.emulator = emulator;
	}

	/**
	 * An initializer that registers the details of an emulator as a bean, for
	 * {@code SpringApplicationBuilder.initializers(..)} or {@code SpringApplication.addInitializers(..)}.
	 * @param emulator the emulator
	 * @return the initializer
	 */
	public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(
			SalesforceStreamingEmulator emulator) {
		return (context) -> {
			SalesforceStreamingEmulatorConnectionDetails details = new SalesforceStreamingEmulatorConnectionDetails(
					emulator);
			if (context instanceof GenericApplicationContext generic) {
				// by its own class: it is both kinds of connection details
				generic.registerBean(BEAN_NAME, SalesforceStreamingEmulatorConnectionDetails.class, () -> details);
			}
			else {
				context.getBeanFactory().registerSingleton(BEAN_NAME, details);
			}
		};
	}

	@Override
	public URI getLoginUrl() {
		return this.emulator.get().baseUrl();
	}

	@Override
	public String getClientId() {
		return credentials().clientId();
	}

	@Override
	public String getClientSecret() {
		return credentials().clientSecret();
	}

	@Override
	public String getUsername() {
		return credentials().username();
	}

	@Override
	public String getPassword() {
		return credentials().password();
	}

	@Override
	public @Nullable String getSecurityToken() {
		return credentials().securityToken();
	}

	@Override
	public String getHost() {
		return this.emulator.get().baseUrl().getHost();
	}

	/**
	 * The Pub/Sub API's local port.
	 * @throws IllegalStateException if the emulator does not serve the Pub/Sub API
	 */
	@Override
	public int getPort() {
		return this.emulator.get().pubSubPort();
	}

	@Override
	public boolean isPlaintext() {
		return "http".equals(this.emulator.get().baseUrl().getScheme());
	}

	private EmulatorCredentials credentials() {
		return this.emulator.get().credentials();
	}

}
