package io.github.sfstreaming.spring.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.sfstreaming.emulator.EmulatorStats;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.e2e.ForwardProxy.TunnelledRequest;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingStartupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The application through a real HTTP forward proxy ({@link ForwardProxy}) with
 * {@code salesforce.streaming.proxy.*}. The emulator listens on a loopback address: Reactor Netty's
 * {@code ProxyProvider}, as the auto-configuration builds it, has no non-proxy hosts (unlike the JVM's
 * {@code http.nonProxyHosts} default {@code localhost|127.*|[::1]}), so loopback targets go through the proxy too,
 * and these tests would fail if anything went around it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyEndToEndTests extends TransportTestSupport {

	private static final String PROXY_USER = "proxy-user";

	private static final String PROXY_PASSWORD = "Pr0xy-S3cret-7f3a";

	private static final String TOKEN_PATH = "/services/oauth2/token";

	@Test
	void loginAndEveryBayeuxRequestGoThroughTheProxy() throws Exception {
		try (SalesforceStreamingEmulator emulator = emulator().build().start();
				ForwardProxy proxy = new ForwardProxy(null, null).start()) {
			start(emulator, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port());
			long id = emulator.publish(CHANNEL, "{\"OrderNumber__c\":\"1\"}");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(received).extracting(StreamingEvent::replayId).containsExactly(id));

			String target = "127.0.0.1:" + emulator.port();
			assertThat(proxy.tunnels()).isNotEmpty().allSatisfy((tunnel) -> {
				assertThat(tunnel.target()).isEqualTo(target);
				assertThat(tunnel.proxyAuthorization()).isNull();
			});
			assertThat(proxy.tlsTunnels()).isEmpty();
			assertThat(proxy.notConnect()).isEmpty();
			assertThat(proxy.requests()).allSatisfy((request) -> {
				assertThat(request.target()).isEqualTo(target);
				assertThat(request.path()).matches("/services/oauth2/token|/cometd/[0-9.]+(/.*)?");
			});

			// The emulator counts what it receives and the proxy what it forwards, before the emulator sees it:
			// read the emulator first, and each count of the proxy is at least the emulator's. A request that
			// went around the proxy would be counted by the emulator only.
			EmulatorStats stats = emulator.stats();
			long proxiedHandshakes = proxy.messages("/meta/handshake");
			long proxiedConnects = proxy.messages("/meta/connect");
			long proxiedSubscribes = proxy.messages("/meta/subscribe");
			assertThat(stats.logins()).isEqualTo(1).isEqualTo(proxy.count("POST", TOKEN_PATH));
			assertThat(stats.handshakes()).isPositive().isLessThanOrEqualTo(proxiedHandshakes);
			assertThat(stats.connects()).isPositive().isLessThanOrEqualTo(proxiedConnects);
			assertThat((long) stats.subscribes().size()).isPositive().isLessThanOrEqualTo(proxiedSubscribes);
			assertThat(proxy.requests()).filteredOn((r) -> r.path().startsWith("/cometd/"))
				.allSatisfy((r) -> assertThat(r.headers().get("authorization")).startsWith("Bearer "));
		}
	}

	@Test
	void proxyCredentialsReachTheProxyOnlyAndAreNeverLogged(CapturedOutput output) throws Exception {
		String expected = basic(PROXY_USER, PROXY_PASSWORD);
		try (SalesforceStreamingEmulator emulator = emulator().build().start();
				ForwardProxy proxy = new ForwardProxy(PROXY_USER, PROXY_PASSWORD).start()) {
			ConfigurableApplicationContext context = start(emulator, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port(),
					"salesforce.streaming.proxy.username=" + PROXY_USER,
					"salesforce.streaming.proxy.password=" + PROXY_PASSWORD,
					// As verbose as a user chasing a proxy problem would make it: every client category at TRACE
					// (the emulator's Jetty and CometD, the server side, stay quiet)
					"logging.level.io.github.sfstreaming=TRACE", "logging.level.reactor.netty=TRACE",
					"logging.level.io.netty=TRACE",
					"logging.level.org.springframework.web.reactive.function.client=TRACE",
					"logging.level.org.springframework.http=TRACE",
					"logging.level.org.springframework.core.codec=TRACE",
					"logging.level.io.github.sfstreaming.emulator=INFO");
			long id = emulator.publish(CHANNEL, "{\"OrderNumber__c\":\"2\"}");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(received).extracting(StreamingEvent::replayId).containsExactly(id));

			assertThat(proxy.tunnels()).isNotEmpty().allSatisfy((tunnel) -> {
				assertThat(tunnel.proxyAuthorization()).isEqualTo(expected);
				assertThat(tunnel.allowed()).isTrue();
			});
			assertThat(proxy.count("POST", TOKEN_PATH)).isEqualTo(1);
			assertThat(proxy.messages("/meta/connect")).isPositive();
			// Proxy-Authorization is for the proxy: it never goes on to Salesforce inside the tunnel.
			assertThat(proxy.requests()).isNotEmpty()
				.extracting(TunnelledRequest::headers)
				.allSatisfy((headers) -> assertThat(headers).doesNotContainKey("proxy-authorization"));
			context.close();
			// Reactor Netty's proxy handler did log, and nothing logged the credentials, start to stop: neither the
			// proxy's nor the login's, nor an access token (in the token answer or an Authorization header)
			assertThat(output.getAll()).contains("HttpProxyHandler")
				.doesNotContain(PROXY_PASSWORD)
				.doesNotContain(expected.substring("Basic ".length()))
				.doesNotContain("test-client-secret")
				.doesNotContain("\"access_token\":\"")
				.doesNotContain("Bearer 00D");
		}
	}

	@Test
	void aProxyRefusingTheCredentialsFailsTheStartup(CapturedOutput output) throws Exception {
		String wrongPassword = "wrong-" + PROXY_PASSWORD;
		try (SalesforceStreamingEmulator emulator = emulator().build().start();
				ForwardProxy proxy = new ForwardProxy(PROXY_USER, PROXY_PASSWORD).start()) {
			// Wrong proxy credentials will not fix themselves: even the default policy, retry, fails the start.
			Throwable failure = catchThrowable(() -> start(emulator, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port(),
					"salesforce.streaming.proxy.username=" + PROXY_USER,
					"salesforce.streaming.proxy.password=" + wrongPassword,
					"salesforce.streaming.startup.failure-policy=retry"));
			assertThat(failure).cause()
				.isInstanceOf(SalesforceStreamingStartupException.class)
				.hasMessageContaining("not retryable")
				.hasMessageContaining("Login to " + emulator.baseUrl() + " failed")
				.hasMessageContaining("407");
			// Boot's start-up report (from our FailureAnalyzer) names the properties to check
			assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
				.contains("Check 'salesforce.streaming.proxy.username' and 'salesforce.streaming.proxy.password'");
			assertThat(proxy.tunnels()).isNotEmpty().noneMatch(ForwardProxy.Tunnel::allowed);
			assertThat(emulator.stats().logins()).isZero();
			assertThat(proxy.tunnels()).extracting(ForwardProxy.Tunnel::proxyAuthorization)
				.containsOnly(basic(PROXY_USER, wrongPassword));
			assertThat(output.getAll()).doesNotContain(PROXY_PASSWORD)
				.doesNotContain(basic(PROXY_USER, wrongPassword).substring("Basic ".length()));
		}
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void httpsThroughTheProxyWithTheSslBundle() throws Exception {
		try (SalesforceStreamingEmulator emulator = httpsEmulator().build().start();
				ForwardProxy proxy = new ForwardProxy(null, null).start()) {
			start(emulator, concat(TRUSTING_BUNDLE, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port()));
			long id = emulator.publish(CHANNEL, "{\"OrderNumber__c\":\"3\"}");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(received).extracting(StreamingEvent::replayId).containsExactly(id));

			// The proxy sees only CONNECT localhost:<port> and encrypted bytes: the name the certificate matches
			// is resolved by the proxy, and TLS runs end to end between the application and the emulator.
			assertThat(proxy.tunnels()).isNotEmpty()
				.allSatisfy((tunnel) -> assertThat(tunnel.target()).isEqualTo("localhost:" + emulator.port()));
			assertThat(proxy.tlsTunnels()).isNotEmpty();
			assertThat(proxy.requests()).isEmpty();
			assertThat(proxy.notConnect()).isEmpty();
			assertThat(emulator.stats().logins()).isEqualTo(1);
			assertThat(emulator.stats().connects()).isPositive();
		}
	}

}
