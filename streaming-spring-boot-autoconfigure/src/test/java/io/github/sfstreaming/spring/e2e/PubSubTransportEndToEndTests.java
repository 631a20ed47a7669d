package io.github.sfstreaming.spring.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application over the Pub/Sub API on the emulator's local port, with what lies between: the HTTP proxy of
 * {@code salesforce.streaming.proxy.*} (a {@code CONNECT} tunnel, as for the login), the JVM's
 * {@link ProxySelector} when that property is not set (gRPC's own default, verified here), and TLS with the SSL
 * bundle.
 */
class PubSubTransportEndToEndTests extends TransportTestSupport {

	private static final String PUBSUB = "salesforce.streaming.transport=pubsub";

	private static final String ORDER = "{\"OrderNumber__c\":\"42\"}";

	private static void awaitTheOrder() {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(received)
				.extracting((event) -> event.payload().path("OrderNumber__c").asString())
				.containsExactly("42"));
	}

	@Test
	void theStreamsGoThroughTheConfiguredProxyWithItsCredentials() throws Exception {
		try (SalesforceStreamingEmulator emulator = emulator().pubSub(true).build().start();
				ForwardProxy proxy = new ForwardProxy("proxy-user", "Pr0xy-S3cret").start()) {
			start(emulator, PUBSUB, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port(), "salesforce.streaming.proxy.username=proxy-user",
					"salesforce.streaming.proxy.password=Pr0xy-S3cret");
			emulator.publish(CHANNEL, ORDER);
			awaitTheOrder();
			String pubSub = "127.0.0.1:" + emulator.pubSubPort();
			String basic = "Basic " + Base64.getEncoder()
				.encodeToString("proxy-user:Pr0xy-S3cret".getBytes(StandardCharsets.UTF_8));
			assertThat(proxy.tunnels()).extracting(ForwardProxy.Tunnel::target)
				.contains(pubSub, "127.0.0.1:" + emulator.port());
			assertThat(proxy.tunnels()).allSatisfy((tunnel) -> assertThat(tunnel.proxyAuthorization()).isEqualTo(basic));
			// gRPC without TLS to the emulator: HTTP/2 in the tunnel
			assertThat(proxy.http2Tunnels()).contains(pubSub);
			assertThat(emulator.stats().handshakes()).isZero();
		}
	}

	@Test
	void withoutTheProxyPropertyTheJvmsProxySelectorIsHonoured() throws Exception {
		ProxySelector jvmDefault = ProxySelector.getDefault();
		try (SalesforceStreamingEmulator emulator = emulator().pubSub(true).build().start();
				ForwardProxy proxy = new ForwardProxy(null, null).start()) {
			RecordingSelector selector = new RecordingSelector(emulator.pubSubPort(), proxy.port());
			ProxySelector.setDefault(selector);
			start(emulator, PUBSUB);
			emulator.publish(CHANNEL, ORDER);
			awaitTheOrder();
			String pubSub = "127.0.0.1:" + emulator.pubSubPort();
			// gRPC asked the JVM's selector for an https URI of its target, and went through the proxy it named
			assertThat(selector.asked).contains(URI.create("https://" + pubSub));
			assertThat(proxy.tunnels()).extracting(ForwardProxy.Tunnel::target).containsOnly(pubSub);
		}
		finally {
			ProxySelector.setDefault(jvmDefault);
		}
	}

	@Test
	void theStreamsUseTlsWithTheSslBundle() throws Exception {
		try (SalesforceStreamingEmulator emulator = httpsEmulator().pubSub(true).build().start();
				ForwardProxy proxy = new ForwardProxy(null, null).start()) {
			// salesforce.streaming.ssl.bundle serves both transports unless salesforce.streaming.pubsub.ssl.bundle
			// names another; through the proxy, the tunnel only sees TLS
			start(emulator, concat(TRUSTING_BUNDLE, PUBSUB, "salesforce.streaming.proxy.host=127.0.0.1",
					"salesforce.streaming.proxy.port=" + proxy.port()));
			emulator.publish(CHANNEL, ORDER);
			awaitTheOrder();
			assertThat(proxy.tlsTunnels()).contains("localhost:" + emulator.pubSubPort());
			assertThat(proxy.http2Tunnels()).isEmpty();
		}
	}

	/** Sends the Pub/Sub API's port through the proxy, everything else direct; records what it is asked. */
	private static final class RecordingSelector extends ProxySelector {

		final List<URI> asked = new CopyOnWriteArrayList<>();

		private final int pubSubPort;

		private final int proxyPort;

		RecordingSelector(int pubSubPort, int proxyPort) {
			this.pubSubPort = pubSubPort;
			this.proxyPort = proxyPort;
		}

		@Override
		public List<Proxy> select(URI uri) {
			this.asked.add(uri);
			if (uri.getPort() == this.pubSubPort) {
				return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", this.proxyPort)));
			}
			return List.of(Proxy.NO_PROXY);
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException failure) {
		}

	}

}
