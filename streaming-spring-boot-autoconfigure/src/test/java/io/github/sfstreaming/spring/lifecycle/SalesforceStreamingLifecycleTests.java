package io.github.sfstreaming.spring.lifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.InMemoryReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link SalesforceStreamingLifecycle} and its {@link StartupFailurePolicy} against the emulator.
 */
class SalesforceStreamingLifecycleTests {

	private SalesforceStreamingEmulator emulator;

	private SalesforceStreamingClient client;

	@BeforeEach
	void startEmulator() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels("/topic/InvoiceUpdates")
			.build()
			.start();
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop();
		}
		this.emulator.close();
	}

	private SalesforceStreamingClient client(URI loginUrl, String password) {
		this.client = SalesforceStreamingClient.builder()
			.tokenProvider(UsernamePasswordTokenProvider.builder()
				.loginUrl(loginUrl)
				.clientId("test-client-id")
				.clientSecret("test-client-secret")
				.username("user@example.com")
				.password(password)
				.build())
			.replayStore(new InMemoryReplayStore())
			.backoff(Duration.ofMillis(100), Duration.ofMillis(500))
			.build();
		return this.client;
	}

	@Test
	void startConnectsAndStopDisconnects() {
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(
				client(this.emulator.baseUrl(), "pass"), StartupFailurePolicy.RETRY, Duration.ofSeconds(30));
		assertThat(lifecycle.getPhase()).isEqualTo(SalesforceStreamingLifecycle.DEFAULT_PHASE);
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		assertThat(this.client.state()).isEqualTo(ClientState.CONNECTED);
		lifecycle.start();
		lifecycle.stop();
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(this.client.state()).isEqualTo(ClientState.STOPPED);
		lifecycle.stop();
	}

	@Test
	void badCredentialsFailTheStartByDefault() {
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(
				client(this.emulator.baseUrl(), "wrong-password"), StartupFailurePolicy.RETRY, Duration.ofSeconds(30));
		assertThatExceptionOfType(SalesforceStreamingStartupException.class).isThrownBy(lifecycle::start)
			.withMessageContaining("not retryable")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong-password"));
		assertThat(lifecycle.isRunning()).isFalse();
	}

	@Test
	void badCredentialsAreOnlyLoggedWithContinue() {
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(
				client(this.emulator.baseUrl(), "wrong-password"), StartupFailurePolicy.CONTINUE,
				Duration.ofSeconds(30));
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.client.state() == ClientState.FAILED);
	}

	@Test
	void unreachableSalesforceIsRetriedInTheBackground() throws IOException {
		int port = freePort();
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(
				client(URI.create("http://127.0.0.1:" + port), "pass"), StartupFailurePolicy.RETRY,
				Duration.ofMillis(500));
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		assertThat(this.client.state()).isNotEqualTo(ClientState.CONNECTED);
		try (SalesforceStreamingEmulator late = SalesforceStreamingEmulator.builder()
			.port(port)
			.longPollTimeout(Duration.ofSeconds(2))
			.build()
			.start()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.client.state() == ClientState.CONNECTED);
			lifecycle.stop();
		}
	}

	@Test
	void unreachableSalesforceFailsTheStartWithFail() throws IOException {
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(
				client(URI.create("http://127.0.0.1:" + freePort()), "pass"), StartupFailurePolicy.FAIL,
				Duration.ofMillis(500));
		assertThatExceptionOfType(SalesforceStreamingStartupException.class).isThrownBy(lifecycle::start)
			.withMessageContaining("Could not connect to Salesforce");
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(this.client.isRunning()).isFalse();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
