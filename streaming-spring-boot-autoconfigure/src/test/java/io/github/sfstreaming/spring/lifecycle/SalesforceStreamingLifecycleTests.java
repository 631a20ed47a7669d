package io.github.sfstreaming.spring.lifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.SubscriptionException;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.InMemoryReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link SalesforceStreamingLifecycle} and its {@link StartupFailurePolicy} against the emulator.
 */
class SalesforceStreamingLifecycleTests {

	private static final String TOO_BUSY = "503::Server is too busy. Please try your request again later.";

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

	@Test
	void startReturnsOnceTheChannelsAreSubscribed() {
		// the first subscribe is refused as retryable, so the connect succeeds well before the subscription
		this.emulator.faults().bayeuxError("/meta/subscribe", TOO_BUSY, 2);
		SalesforceStreamingClient client = client(this.emulator.baseUrl(), "pass");
		List<Long> handled = new CopyOnWriteArrayList<>();
		client.subscribe("/topic/InvoiceUpdates", (event) -> handled.add(event.replayId()));
		new SalesforceStreamingLifecycle(client, StartupFailurePolicy.RETRY, Duration.ofSeconds(30)).start();
		// the channel starts from new events: this one arrives only if start() waited for the subscription
		long id = this.emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\"}");
		await().untilAsserted(() -> assertThat(handled).containsExactly(id));
	}

	@Test
	void aChannelThatDoesNotExistFailsTheStart() {
		SalesforceStreamingClient client = client(this.emulator.baseUrl(), "pass");
		client.subscribe("/topic/DoesNotExist", (event) -> {
		});
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(client, StartupFailurePolicy.RETRY,
				Duration.ofSeconds(30));
		assertThatExceptionOfType(SalesforceStreamingStartupException.class).isThrownBy(lifecycle::start)
			.withMessageContaining("/topic/DoesNotExist")
			.withMessageContaining("not retryable")
			.withCauseInstanceOf(SubscriptionException.class);
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(client.isRunning()).isFalse();
	}

	@Test
	void aChannelThatDoesNotExistIsOnlyReportedWithContinue() {
		SalesforceStreamingClient client = client(this.emulator.baseUrl(), "pass");
		client.subscribe("/topic/DoesNotExist", (event) -> {
		});
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(client, StartupFailurePolicy.CONTINUE,
				Duration.ofSeconds(30));
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		await().untilAsserted(() -> assertThat(client.channels()).singleElement()
			.satisfies((status) -> assertThat(status.error()).isInstanceOf(SubscriptionException.class)));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
