package io.github.sfstreaming.spring.e2e;

import java.security.cert.CertPathBuilderException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingStartupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The application against the emulator serving HTTPS with a self-signed certificate for {@code localhost}: with
 * {@code salesforce.streaming.ssl.bundle} naming a bundle that trusts it, the login and every Bayeux request go
 * over TLS and events arrive; without it, the JVM's trust store refuses the certificate and the start-up fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsEndToEndTests extends TransportTestSupport {

	@Test
	void listenerReceivesEventsOverHttpsWithTheSslBundle() throws Exception {
		try (SalesforceStreamingEmulator emulator = httpsEmulator().build().start()) {
			assertThat(emulator.baseUrl()).hasToString("https://localhost:" + emulator.port());
			ConfigurableApplicationContext context = start(emulator, TRUSTING_BUNDLE);
			assertThat(context.getBean(SalesforceStreamingClient.class).state()).isEqualTo(ClientState.CONNECTED);
			long id = emulator.publish(CHANNEL, "{\"OrderNumber__c\":\"42\"}");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(received).extracting(StreamingEvent::replayId).containsExactly(id));
			assertThat(emulator.stats().logins()).isEqualTo(1);
			assertThat(emulator.stats().handshakes()).isPositive();
			assertThat(emulator.stats().subscribes()).anySatisfy((s) -> assertThat(s.channel()).isEqualTo(CHANNEL));
		}
	}

	@Test
	void withoutTheBundleTheStartupFailsWithTheCertificateError(CapturedOutput output) throws Exception {
		try (SalesforceStreamingEmulator emulator = httpsEmulator().build().start()) {
			// An untrusted certificate will not fix itself: even the default policy, retry, fails the start at once.
			Throwable failure = catchThrowable(
					() -> start(emulator, "salesforce.streaming.startup.failure-policy=retry"));
			assertThat(failure).rootCause().isInstanceOf(CertPathBuilderException.class);
			assertThat(failure).hasStackTraceContaining(SSLHandshakeException.class.getName());
			// What the user reads: the start-up exception, with the login URL and the JDK's PKIX message.
			assertThat(failure).cause()
				.isInstanceOf(SalesforceStreamingStartupException.class)
				.hasMessageStartingWith("Could not connect to Salesforce (not retryable): Login to " + emulator.baseUrl()
						+ " failed: the server's TLS certificate is not trusted")
				.hasMessageContaining("unable to find valid certification path to requested target")
				.hasCauseInstanceOf(LoginException.class);
			// and Boot's start-up report (from our FailureAnalyzer) names the property to set
			assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
				.contains("set 'salesforce.streaming.ssl.bundle' to a Spring Boot SSL bundle");
			assertThat(emulator.stats().logins()).isZero();
			assertThat(received).isEmpty();
		}
	}

}
