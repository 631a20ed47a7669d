package io.github.sfstreaming.spring.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;

import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.EmulatorCredentials;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SalesforceStreamingEmulatorConnectionDetails}: the emulator's URL and its own credentials, enough for the
 * auto-configured client to log in whatever the properties say.
 */
class SalesforceStreamingEmulatorConnectionDetailsTests {

	@Test
	void theEmulatorsOwnCredentialsLogIn() {
		EmulatorCredentials credentials = EmulatorCredentials.defaults()
			.withClientId("other-client")
			.withPassword("0ther-pass")
			.withSecurityToken("T0KEN");
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.longPollTimeout(Duration.ofSeconds(2))
			.credentials(credentials)
			.channels("/topic/InvoiceUpdates")
			.build()
			.start()) {
			SalesforceStreamingEmulatorConnectionDetails details = new SalesforceStreamingEmulatorConnectionDetails(
					emulator);
			assertThat(details.getLoginUrl()).isEqualTo(emulator.baseUrl());
			assertThat(details.getClientId()).isEqualTo("other-client");
			assertThat(details.getPassword()).isEqualTo("0ther-pass");
			assertThat(details.getSecurityToken()).isEqualTo("T0KEN");
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class))
				.withBean(SalesforceStreamingConnectionDetails.class, () -> details)
				.withPropertyValues("salesforce.streaming.login-url=https://login.salesforce.com",
						"salesforce.streaming.auth.client-id=ignored", "salesforce.streaming.auth.password=ignored",
						"salesforce.streaming.startup.failure-policy=fail", "salesforce.streaming.startup.timeout=30s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(SalesforceStreamingClient.class).state())
						.isEqualTo(ClientState.CONNECTED);
				});
		}
	}

	@Test
	void theInitializerRegistersTheDetailsAsABean() {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder().build().start();
				GenericApplicationContext context = new GenericApplicationContext()) {
			SalesforceStreamingEmulatorConnectionDetails.initializer(emulator).initialize(context);
			context.refresh();
			assertThat(context.getBean(SalesforceStreamingConnectionDetails.class).getLoginUrl())
				.isEqualTo(emulator.baseUrl());
		}
	}

}
