package io.github.sfstreaming.client;

import java.time.Duration;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * Builders of clients wired to an emulator, with short back-offs for tests.
 */
final class EmulatorClients {

	private EmulatorClients() {
	}

	static UsernamePasswordTokenProvider tokens(SalesforceStreamingEmulator emulator) {
		return UsernamePasswordTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build();
	}

	static SalesforceStreamingClient.Builder client(SalesforceStreamingEmulator emulator) {
		return SalesforceStreamingClient.builder()
			.tokenProvider(tokens(emulator))
			.backoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.longPollTimeoutMargin(Duration.ofSeconds(5))
			.shutdownTimeout(Duration.ofSeconds(5));
	}

}
