package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * HTTPS: with {@code tls(...)} the emulator serves HTTPS only, at {@code https://localhost:<port>}, with the test
 * key store of {@code src/test/resources/tls} (see the README there).
 */
class TlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static final String TOKEN_FORM = "grant_type=password&client_id=test-client-id"
			+ "&client_secret=test-client-secret&username=user%40example.com&password=pass";

	private HttpClient jetty;

	private TestClient client;

	@AfterEach
	void stop() throws Exception {
		if (this.client != null) {
			this.client.close();
		}
		if (this.jetty != null) {
			this.jetty.stop();
		}
	}

	static KeyStore load(String resource) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = TlsTests.class.getResourceAsStream(resource)) {
			store.load(in, PASSWORD);
		}
		return store;
	}

	private static SalesforceStreamingEmulator.Builder https() throws Exception {
		return SalesforceStreamingEmulator.builder()
			.longPollTimeout(Duration.ofSeconds(2))
			.tls(load("/tls/localhost.p12"), PASSWORD);
	}

	private static java.net.http.HttpClient trustingClient() throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load("/tls/truststore.p12"));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return java.net.http.HttpClient.newBuilder().sslContext(context).build();
	}

	private static HttpResponse<String> postToken(java.net.http.HttpClient http, URI baseUrl) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(TOKEN_FORM))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void baseUrlIsHttpsOnLocalhostAndTheTokenEndpointAnswersWithIt() throws Exception {
		try (SalesforceStreamingEmulator emulator = https().build().start()) {
			int port = emulator.port();
			assertThat(emulator.baseUrl()).hasToString("https://localhost:" + port);
			assertThat(emulator.bayeuxUrl("64.0")).hasToString("https://localhost:" + port + "/cometd/64.0");
			HttpResponse<String> response = postToken(trustingClient(), emulator.baseUrl());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = Json.read(response.body());
			assertThat(body.get("instance_url").stringValue()).isEqualTo("https://localhost:" + port);
			assertThat(body.get("id").stringValue()).startsWith("https://localhost:" + port + "/id/");
			HttpResponse<String> soap = trustingClient().send(HttpRequest
				.newBuilder(URI.create(emulator.baseUrl() + "/services/Soap/u/44.0"))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString("<soapenv:Envelope"
						+ " xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'"
						+ " xmlns:urn='urn:partner.soap.sforce.com'><soapenv:Body><urn:login>"
						+ "<urn:username>user@example.com</urn:username><urn:password>pass</urn:password>"
						+ "</urn:login></soapenv:Body></soapenv:Envelope>"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(soap.statusCode()).isEqualTo(200);
			assertThat(soap.body()).contains("<serverUrl>https://localhost:" + port + "/services/Soap/u/44.0/");
			assertThat(emulator.stats().logins()).isEqualTo(2);
		}
	}

	@Test
	void cometdClientTrustingTheCertificateReceivesEventsOverHttps() throws Exception {
		try (SalesforceStreamingEmulator emulator = https().channels("/topic/Secure").build().start()) {
			JsonNode login = Json.read(postToken(trustingClient(), emulator.baseUrl()).body());
			SslContextFactory.Client ssl = new SslContextFactory.Client();
			ssl.setTrustStore(load("/tls/truststore.p12"));
			// Jetty checks the host name against the certificate (endpoint identification "HTTPS") by default.
			assertThat(ssl.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
			this.jetty = new HttpClient();
			this.jetty.setSslContextFactory(ssl);
			this.jetty.start();
			this.client = new TestClient(this.jetty, URI.create(login.get("instance_url").stringValue()),
					login.get("access_token").stringValue());
			assertThat(this.client.handshake().isSuccessful()).isTrue();
			assertThat(this.client.subscribe("/topic/Secure", -1L).isSuccessful()).isTrue();
			long id = emulator.publish("/topic/Secure", "{\"Id\":\"a01\"}");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.client.replayIds("/topic/Secure")).containsExactly(id));
			assertThat(emulator.stats().handshakes()).isEqualTo(1);
		}
	}

	@Test
	void clientWithTheDefaultTrustStoreFailsTheHandshake() throws Exception {
		try (SalesforceStreamingEmulator emulator = https().build().start()) {
			assertThatExceptionOfType(SSLHandshakeException.class)
				.isThrownBy(() -> postToken(java.net.http.HttpClient.newHttpClient(), emulator.baseUrl()))
				.withMessageContaining("PKIX");
			assertThat(emulator.stats().logins()).isZero();
		}
	}

	@Test
	void plainHttpOnTheHttpsPortGetsNoAnswer() throws Exception {
		try (SalesforceStreamingEmulator emulator = https().build().start()) {
			URI plain = URI.create("http://localhost:" + emulator.port());
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> postToken(java.net.http.HttpClient.newHttpClient(), plain));
			assertThat(emulator.stats().logins()).isZero();
		}
	}

	@Test
	void defaultStaysPlainHttpOn127001() {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder().build().start()) {
			assertThat(emulator.baseUrl()).hasToString("http://127.0.0.1:" + emulator.port());
		}
	}

	@Test
	void httpsHostIsLocalhostForLoopbackAndWildcardBindAddressesElseTheAddress() throws Exception {
		KeyStore keyStore = load("/tls/localhost.p12");
		for (String local : new String[] { "127.0.0.1", "127.0.0.2", "localhost", "0.0.0.0", "::1", "::" }) {
			assertThat(EmulatorServer.baseUrl(settings(local, keyStore), 8443)).as(local)
				.hasToString("https://localhost:8443");
		}
		assertThat(EmulatorServer.baseUrl(settings("10.1.2.3", keyStore), 8443)).hasToString("https://10.1.2.3:8443");
		assertThat(EmulatorServer.baseUrl(settings("fe80::1", keyStore), 8443))
			.hasToString("https://[fe80::1]:8443");
		assertThat(EmulatorServer.baseUrl(settings("emulator.example", keyStore), 8443))
			.hasToString("https://emulator.example:8443");
		assertThat(EmulatorServer.baseUrl(settings("::1", null), 8080)).hasToString("http://[::1]:8080");
	}

	private static SalesforceStreamingEmulator.Settings settings(String bindAddress, KeyStore keyStore) {
		return new SalesforceStreamingEmulator.Settings(0, bindAddress, Duration.ofSeconds(2),
				EmulatorCredentials.defaults(), new Retention(10, Duration.ofHours(1)), Set.of(), true,
				(keyStore != null) ? new SalesforceStreamingEmulator.Tls(keyStore, PASSWORD) : null);
	}

	@Test
	void builderRefusesAKeyStoreWithoutKeyOrNotLoaded() throws Exception {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SalesforceStreamingEmulator.builder().tls(load("/tls/truststore.p12"), PASSWORD))
			.withMessage("keyStore has no private key entry");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SalesforceStreamingEmulator.builder()
				.tls(KeyStore.getInstance("PKCS12"), PASSWORD))
			.withMessage("keyStore is not loaded");
	}

	@Test
	void theCallersPasswordArrayMayBeClearedAfterwards() throws Exception {
		char[] password = PASSWORD.clone();
		SalesforceStreamingEmulator.Builder builder = SalesforceStreamingEmulator.builder()
			.tls(load("/tls/localhost.p12"), password);
		java.util.Arrays.fill(password, '\0');
		try (SalesforceStreamingEmulator emulator = builder.build().start()) {
			assertThat(postToken(trustingClient(), emulator.baseUrl()).statusCode()).isEqualTo(200);
		}
	}

}
