package io.github.sfstreaming.spring.autoconfigure.endpoint;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SalesforceStreamingSanitizingAutoConfiguration}: Actuator shows every value, the credentials
 * excepted.
 */
class SalesforceStreamingSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class, SalesforceStreamingSanitizingAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"salesforce.streaming.auth.client-id=my-client-id",
				"salesforce.streaming.auth.client-secret=my-client-secret",
				"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=my-password",
				"salesforce.streaming.auth.security-token=my-security-token",
				"salesforce.streaming.auth.refresh-token=my-refresh-token",
				"salesforce.streaming.proxy.host=proxy.example.com", "salesforce.streaming.proxy.password=my-proxy-password");

	@Test
	@SuppressWarnings("unchecked")
	void configpropsShowsEverythingButTheCredentials() {
		this.runner.run((context) -> {
			ConfigurationPropertiesReportEndpoint endpoint = context.getBean(ConfigurationPropertiesReportEndpoint.class);
			Map<String, Object> properties = endpoint.configurationPropertiesWithPrefix("salesforce.streaming")
				.getContexts()
				.get(context.getId())
				.getBeans()
				.values()
				.iterator()
				.next()
				.getProperties();
			Map<String, Object> auth = (Map<String, Object>) properties.get("auth");
			assertThat(auth).containsEntry("clientId", "my-client-id")
				.containsEntry("username", "user@example.com")
				.containsEntry("clientSecret", SanitizableData.SANITIZED_VALUE)
				.containsEntry("password", SanitizableData.SANITIZED_VALUE)
				.containsEntry("securityToken", SanitizableData.SANITIZED_VALUE)
				.containsEntry("refreshToken", SanitizableData.SANITIZED_VALUE);
			Map<String, Object> proxy = (Map<String, Object>) properties.get("proxy");
			assertThat(proxy).containsEntry("host", "proxy.example.com")
				.containsEntry("password", SanitizableData.SANITIZED_VALUE);
		});
	}

	@Test
	void envShowsEverythingButTheCredentials() {
		this.runner.run((context) -> {
			EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
			assertThat(endpoint.environmentEntry("salesforce.streaming.auth.client-id").getProperty().getValue())
				.isEqualTo("my-client-id");
			for (String secret : new String[] { "auth.client-secret", "auth.password", "auth.security-token",
					"auth.refresh-token", "proxy.password" }) {
				assertThat(endpoint.environmentEntry("salesforce.streaming." + secret).getProperty().getValue())
					.as(secret)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
		});
	}

	@Test
	void keysAreRecognisedInEveryFormActuatorUses() {
		assertThat(SalesforceStreamingSanitizingFunction.isSecret("salesforce.streaming.auth.clientSecret")).isTrue();
		assertThat(SalesforceStreamingSanitizingFunction.isSecret("SALESFORCE_STREAMING_AUTH_PRIVATE_KEY")).isTrue();
		assertThat(SalesforceStreamingSanitizingFunction.isSecret("salesforce.streaming.auth.private-key")).isTrue();
		assertThat(SalesforceStreamingSanitizingFunction.isSecret("salesforce.streaming.auth.username")).isFalse();
		assertThat(SalesforceStreamingSanitizingFunction.isSecret("spring.datasource.password")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SalesforceStreamingProperties.class)
	static class PropertiesConfiguration {

	}

}
