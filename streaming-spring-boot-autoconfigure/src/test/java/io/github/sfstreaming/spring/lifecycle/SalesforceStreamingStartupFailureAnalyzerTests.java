package io.github.sfstreaming.spring.lifecycle;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.client.InvalidReplayIdException;
import io.github.sfstreaming.client.NotConnectedException;
import io.github.sfstreaming.client.SubscriptionException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SalesforceStreamingStartupFailureAnalyzer}: each start-up failure names what to fix.
 */
class SalesforceStreamingStartupFailureAnalyzerTests {

	private final SalesforceStreamingStartupFailureAnalyzer analyzer = new SalesforceStreamingStartupFailureAnalyzer(null);

	private FailureAnalysis analyze(Throwable clientError) {
		SalesforceStreamingStartupException startup = new SalesforceStreamingStartupException(
				"Could not connect to Salesforce (not retryable): " + clientError.getMessage(), clientError);
		// as Spring reports a lifecycle bean that failed to start
		FailureAnalysis analysis = this.analyzer
			.analyze(new ApplicationContextException("Failed to start bean 'salesforceStreamingLifecycle'", startup));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(startup.getMessage());
		return analysis;
	}

	@Test
	void untrustedCertificateNamesTheSslBundle() {
		LoginException login = new LoginException("Login failed: the server's TLS certificate is not trusted", false,
				new SSLHandshakeException("PKIX path building failed"));
		assertThat(analyze(login).getAction()).contains("'salesforce.streaming.ssl.bundle'");
	}

	@Test
	void refusedProxyCredentialsNameTheProxyProperties() {
		LoginException login = new LoginException("Login failed: the HTTP proxy refused the credentials (407 Proxy "
				+ "Authentication Required)", false, new IllegalStateException("407"));
		assertThat(analyze(login).getAction()).contains("'salesforce.streaming.proxy.password'");
	}

	@Test
	void refusedLoginNamesTheAuthPropertiesAndSalesforcesError() {
		LoginException login = new LoginException("Login failed (HTTP 400): invalid_grant: authentication failure",
				"invalid_grant", "authentication failure", 400, null);
		assertThat(analyze(login).getAction()).contains("'salesforce.streaming.auth.*'").contains("invalid_grant");
	}

	@Test
	void unknownChannelNamesTheChannel() {
		SubscriptionException refused = new SubscriptionException("/topic/Nope",
				"400::The channel you requested to subscribe to doesn't exist", "Salesforce refused /topic/Nope");
		assertThat(analyze(refused).getAction()).contains("/topic/Nope").contains("@SalesforceListener");
	}

	@Test
	void expiredReplayIdNamesTheOnInvalidIdProperty() {
		// an id with 407 in it is not about a proxy
		InvalidReplayIdException expired = new InvalidReplayIdException("/event/Order__e", 14070,
				"400::The replayId {14070} you provided was invalid.");
		assertThat(analyze(expired).getAction()).contains("/event/Order__e")
			.contains("'salesforce.streaming.replay.on-invalid-id'");
	}

	@Test
	void anythingElsePointsAtTheLoginUrlAndThePolicy() {
		NotConnectedException notConnected = new NotConnectedException("Not connected within 30000 ms", null);
		assertThat(analyze(notConnected).getAction()).contains("'salesforce.streaming.login-url'")
			.contains("'salesforce.streaming.startup.failure-policy'");
	}

	@Test
	void aConnectionDetailsBeanIsNamedInsteadOfTheLoginProperties() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("emulatorDetails", new SalesforceStreamingConnectionDetails() {

			@Override
			public java.net.URI getLoginUrl() {
				return java.net.URI.create("http://127.0.0.1:1");
			}

			@Override
			public @Nullable String getClientId() {
				return "client";
			}

		});
		// loaded as Spring Boot loads failure analyzers, with the context's bean factory as the argument
		SalesforceStreamingStartupFailureAnalyzer withDetails = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, beanFactory),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
					}))
			.stream()
			.filter(SalesforceStreamingStartupFailureAnalyzer.class::isInstance)
			.map(SalesforceStreamingStartupFailureAnalyzer.class::cast)
			.findFirst()
			.orElseThrow();
		LoginException refused = new LoginException("Login failed (HTTP 400): invalid_grant: authentication failure",
				"invalid_grant", "authentication failure", 400, null);
		SalesforceStreamingStartupException startup = new SalesforceStreamingStartupException("Could not log in",
				refused);
		FailureAnalysis analysis = withDetails.analyze(new ApplicationContextException("Failed", startup));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).contains("SalesforceStreamingConnectionDetails bean 'emulatorDetails'")
			.doesNotContain("salesforce.streaming.login-url");
	}

}
