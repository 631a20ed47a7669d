package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A token endpoint that is busy, slow or behind a proxy's error page is tried again, after its
 * {@code Retry-After} if it sends one; only a definitive OAuth refusal makes the client give up.
 */
class LoginRetryTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	private final ListAppender<ILoggingEvent> sessionLog = new ListAppender<>();

	private final Logger sessionLogger = (Logger) LoggerFactory.getLogger(SessionLoop.class);

	@BeforeEach
	void capture() {
		this.sessionLog.start();
		this.sessionLogger.addAppender(this.sessionLog);
	}

	@AfterEach
	void release() {
		this.sessionLogger.detachAppender(this.sessionLog);
	}

	@Test
	void twoTooManyRequestsAreWaitedOutAsRetryAfterAsks(SalesforceStreamingEmulator emulator) {
		emulator.faults().tokenEndpointError(429, 2, "1");
		connectsAndReceives(emulator, Duration.ofSeconds(5));
		assertThat(retries()).hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("HTTP 429").contains("reconnecting in 1000 ms"));
	}

	@Test
	void aRetryAfterLongerThanTheMaximumBackOffWaitsTheMaximum(SalesforceStreamingEmulator emulator) {
		emulator.faults().tokenEndpointError(503, 1, "3600");
		connectsAndReceives(emulator, Duration.ofMillis(300));
		assertThat(retries()).singleElement()
			.satisfies((line) -> assertThat(line).contains("HTTP 503").contains("reconnecting in 300 ms"));
	}

	@Test
	void aRequestTimeoutIsRetried(SalesforceStreamingEmulator emulator) {
		emulator.faults().tokenEndpointError(408, 1, null);
		connectsAndReceives(emulator, Duration.ofMillis(500));
		assertThat(retries()).singleElement().satisfies((line) -> assertThat(line).contains("HTTP 408"));
	}

	@Test
	void aBadRequestWithAnHtmlPageInsteadOfAnOAuthErrorIsRetried(SalesforceStreamingEmulator emulator) {
		emulator.faults().tokenEndpointError(400, 1, null);
		connectsAndReceives(emulator, Duration.ofMillis(500));
		assertThat(retries()).singleElement()
			.satisfies((line) -> assertThat(line).contains("HTTP 400").contains("not an OAuth answer (text/html"));
	}

	@Test
	void invalidGrantStillGivesUpAtOnce(SalesforceStreamingEmulator emulator) {
		UsernamePasswordTokenProvider wrong = UsernamePasswordTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("not-the-password")
			.build();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).tokenProvider(wrong).build()) {
			client.start();
			assertThatExceptionOfType(LoginException.class).isThrownBy(() -> client.awaitConnected(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"))
				.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
			assertThat(client.state()).isEqualTo(ClientState.FAILED);
		}
		assertThat(retries()).isEmpty();
		assertThat(emulator.stats().logins()).isZero();
	}

	private void connectsAndReceives(SalesforceStreamingEmulator emulator, Duration maxBackoff) {
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.backoff(Duration.ofMillis(50), maxBackoff)
			.build()) {
			client.subscribe(TOPIC, recorder);
			client.start();
			client.awaitConnected(TIMEOUT);
			long id = emulator.publish(TOPIC, "{\"Id\":\"a01\"}");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactly(id));
		}
		assertThat(emulator.stats().logins()).isEqualTo(1);
	}

	/** The session loop's lines about a failure it will retry. */
	private List<String> retries() {
		return this.sessionLog.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter((line) -> line.startsWith("Session lost"))
			.toList();
	}

}
