package io.github.sfstreaming.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.xml.parsers.DocumentBuilderFactory;

import org.cometd.bayeux.Message;
import org.cometd.client.BayeuxClient;
import org.cometd.client.http.jetty.JettyHttpClientTransport;
import org.cometd.common.HashMapMessage;
import org.eclipse.jetty.client.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SOAP partner API {@code login()} call, as EMP-Connector's LoginHelper makes it, and its session id used as a
 * Bearer token by CometD's BayeuxClient.
 */
class SoapLoginTests extends BayeuxTestSupport {

	private static final String CHANNEL = "/topic/InvoiceUpdates";

	private static final String PARTNER = "urn:partner.soap.sforce.com";

	private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

	/** The SOAP API version EMP-Connector logs in with, and the Bayeux version it then uses by default. */
	private static final String SOAP_VERSION = "44.0";

	private static final String BAYEUX_VERSION = "43.0";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void loginAnswersWithALoginResult() throws Exception {
		HttpResponse<String> response = empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/xml"));
		Document xml = parse(response.body());
		Element result = only(xml, PARTNER, "result");
		assertThat(result.getParentNode().getLocalName()).isEqualTo("loginResponse");
		String org = TokenStore.ORG_ID.substring(0, 15);
		assertThat(text(xml, PARTNER, "serverUrl"))
			.isEqualTo(emulator.baseUrl() + "/services/Soap/u/" + SOAP_VERSION + "/" + org);
		assertThat(text(xml, PARTNER, "metadataServerUrl"))
			.isEqualTo(emulator.baseUrl() + "/services/Soap/m/" + SOAP_VERSION + "/" + org);
		assertThat(text(xml, PARTNER, "sessionId")).startsWith(org + "!");
		assertThat(text(xml, PARTNER, "passwordExpired")).isEqualTo("false");
		assertThat(text(xml, PARTNER, "sandbox")).isEqualTo("false");
		assertThat(xml.getElementsByTagNameNS(PARTNER, "userId").item(0).getTextContent())
			.isEqualTo("005000000000001AAA");
		assertThat(text(xml, PARTNER, "userName")).isEqualTo("user@example.com");
		assertThat(text(xml, PARTNER, "organizationId")).isEqualTo(emulator.emulator().orgId());
		assertThat(emulator.stats().logins()).isEqualTo(1);
	}

	@Test
	void everyLoginIssuesANewSessionId() throws Exception {
		String first = sessionId(empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass"));
		String second = sessionId(empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass"));
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void wrongPasswordOrUsernameIsAnInvalidLoginFault() throws Exception {
		for (HttpResponse<String> response : List.of(
				empConnectorLogin(emulator.baseUrl(), "user@example.com", "wrong-password-123"),
				empConnectorLogin(emulator.baseUrl(), "other@example.com", "pass"),
				post(emulator.baseUrl() + "/services/Soap/u/" + SOAP_VERSION,
						"<soapenv:Envelope xmlns:soapenv='" + SOAP + "' xmlns:urn='" + PARTNER + "'>"
								+ "<soapenv:Body><urn:login/></soapenv:Body></soapenv:Envelope>"))) {
			assertThat(response.statusCode()).isEqualTo(500);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/xml"));
			assertThat(response.body()).doesNotContain("wrong-password-123");
			Document xml = parse(response.body());
			Element fault = only(xml, SOAP, "Fault");
			assertThat(fault.getParentNode().getLocalName()).isEqualTo("Body");
			assertThat(text(xml, null, "faultcode")).isEqualTo("sf:INVALID_LOGIN");
			assertThat(text(xml, null, "faultstring"))
				.isEqualTo("INVALID_LOGIN: Invalid username, password, security token; or user locked out.");
			assertThat(text(xml, "urn:fault.partner.soap.sforce.com", "exceptionCode")).isEqualTo("INVALID_LOGIN");
			assertThat(xml.getElementsByTagNameNS(PARTNER, "sessionId").getLength()).isZero();
		}
		assertThat(emulator.stats().logins()).isZero();
	}

	@Test
	void securityTokenMustFollowThePasswordWhenConfigured() throws Exception {
		try (SalesforceStreamingEmulator tokenRequired = SalesforceStreamingEmulator.builder()
			.credentials(EmulatorCredentials.defaults().withPassword("secret").withSecurityToken("TOKEN123"))
			.build()
			.start()) {
			assertThat(empConnectorLogin(tokenRequired.baseUrl(), "user@example.com", "secretTOKEN123").statusCode())
				.isEqualTo(200);
			HttpResponse<String> withoutToken = empConnectorLogin(tokenRequired.baseUrl(), "user@example.com",
					"secret");
			assertThat(withoutToken.statusCode()).isEqualTo(500);
			assertThat(text(parse(withoutToken.body()), null, "faultcode")).isEqualTo("sf:INVALID_LOGIN");
			assertThat(tokenRequired.stats().logins()).isEqualTo(1);
		}
	}

	@Test
	void passwordsAreReadAsXmlTextInUtf8() throws Exception {
		String password = "p&ss<wörd>";
		try (SalesforceStreamingEmulator special = SalesforceStreamingEmulator.builder()
			.credentials(EmulatorCredentials.defaults().withPassword(password))
			.build()
			.start()) {
			// Escaped, as a client that writes XML properly sends it; UTF-8 with no charset, as EMP-Connector.
			assertThat(empConnectorLogin(special.baseUrl(), "user@example.com", "p&amp;ss&lt;wörd&gt;").statusCode())
				.isEqualTo(200);
			// The same password sent unescaped is not XML: a client fault, which never echoes the text.
			HttpResponse<String> unescaped = empConnectorLogin(special.baseUrl(), "user@example.com", password);
			assertThat(unescaped.statusCode()).isEqualTo(500);
			assertThat(text(parse(unescaped.body()), null, "faultcode")).isEqualTo("soapenv:Client");
			assertThat(unescaped.body()).doesNotContain("wörd");
		}
	}

	@Test
	void acceptsTheEnvelopeOfSalesforceDocumentationWithoutTrailingSlash() throws Exception {
		String body = """
				<?xml version="1.0" encoding="utf-8" ?>
				<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema"
				    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">
				  <env:Body>
				    <n1:login xmlns:n1="urn:partner.soap.sforce.com">
				      <n1:username>user@example.com</n1:username>
				      <n1:password>pass</n1:password>
				    </n1:login>
				  </env:Body>
				</env:Envelope>
				""";
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
				URI.create(emulator.baseUrl() + "/services/Soap/u/64.0"))
			.header("Content-Type", "text/xml; charset=UTF-8")
			.header("SOAPAction", "login")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(text(parse(response.body()), PARTNER, "serverUrl"))
			.startsWith(emulator.baseUrl() + "/services/Soap/u/64.0/");
	}

	@Test
	void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
		Path secret = dir.resolve("secret.txt");
		Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
		String body = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
				+ "<soapenv:Envelope xmlns:soapenv='" + SOAP + "' xmlns:urn='" + PARTNER + "'><soapenv:Body>"
				+ "<urn:login><urn:username>user@example.com</urn:username><urn:password>&xxe;</urn:password>"
				+ "</urn:login></soapenv:Body></soapenv:Envelope>";
		HttpResponse<String> response = post(emulator.baseUrl() + "/services/Soap/u/" + SOAP_VERSION + "/", body);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(text(parse(response.body()), null, "faultcode")).isEqualTo("soapenv:Client");
		assertThat(response.body()).doesNotContain("TOP-SECRET").doesNotContain("xxe");
		assertThat(emulator.stats().logins()).isZero();
	}

	@Test
	void otherRequestsAreClientFaults() throws Exception {
		String base = emulator.baseUrl() + "/services/Soap/u/" + SOAP_VERSION;
		HttpResponse<String> notXml = post(base, "username=user@example.com&password=pass");
		assertThat(notXml.statusCode()).isEqualTo(500);
		assertThat(text(parse(notXml.body()), null, "faultcode")).isEqualTo("soapenv:Client");

		HttpResponse<String> query = post(base, "<soapenv:Envelope xmlns:soapenv='" + SOAP + "' xmlns:urn='" + PARTNER
				+ "'><soapenv:Body><urn:query><urn:queryString>SELECT Id FROM Account</urn:queryString></urn:query>"
				+ "</soapenv:Body></soapenv:Envelope>");
		assertThat(query.statusCode()).isEqualTo(500);
		assertThat(text(parse(query.body()), null, "faultstring"))
			.isEqualTo("No operation available for request {urn:partner.soap.sforce.com}query, please check the WSDL "
					+ "for the service.");

		assertThat(post(emulator.baseUrl() + "/services/Soap/u/latest", "<x/>").statusCode()).isEqualTo(404);
		assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
	}

	@Test
	void sessionIdIsABearerTokenForBayeuxAsEmpConnectorUsesIt() throws Exception {
		HttpResponse<String> response = empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass");
		Document xml = parse(response.body());
		String sessionId = text(xml, PARTNER, "sessionId");
		// As LoginHelper: the Bayeux endpoint is serverUrl's scheme, host and port, then /cometd/<version>.
		URI serverUrl = URI.create(text(xml, PARTNER, "serverUrl"));
		String cometd = new URI(serverUrl.getScheme(), null, serverUrl.getHost(), serverUrl.getPort(),
				"/cometd/" + BAYEUX_VERSION, null, null).toString();
		assertThat(cometd).isEqualTo(emulator.emulator().bayeuxUrl(BAYEUX_VERSION).toString());

		BayeuxClient client = bayeuxClient(cometd, sessionId);
		try {
			CompletableFuture<Message> handshake = new CompletableFuture<>();
			client.handshake(Map.of(Message.EXT_FIELD, Map.of("replay", true)), handshake::complete);
			assertThat(TestClient.await(handshake).isSuccessful()).isTrue();

			List<Message> events = new CopyOnWriteArrayList<>();
			Message.Mutable subscribe = new HashMapMessage();
			subscribe.getExt(true).put("replay", Map.of(CHANNEL, -1L));
			CompletableFuture<Message> subscribed = new CompletableFuture<>();
			client.getChannel(CHANNEL).subscribe(subscribe, (channel, event) -> events.add(event),
					subscribed::complete);
			assertThat(TestClient.await(subscribed).isSuccessful()).isTrue();

			long replayId = emulator.publish(CHANNEL, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
			await().atMost(Duration.ofSeconds(20)).until(() -> !events.isEmpty());
			assertThat(TestClient.replayId(events.get(0))).isEqualTo(replayId);
			@SuppressWarnings("unchecked")
			Map<String, Object> sobject = (Map<String, Object>) events.get(0).getDataAsMap().get("sobject");
			assertThat(sobject).containsEntry("Name", "INV-1");
		}
		finally {
			client.disconnect(5_000);
		}
		assertThat(emulator.stats().logins()).isEqualTo(1);
		assertThat(emulator.stats().totalDeliveries()).isEqualTo(1);
	}

	@Test
	void sessionIdsShareTheTokenStoreAndItsExpiry() throws Exception {
		String sessionId = sessionId(empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass"));
		TestClient.login(emulator.baseUrl());
		assertThat(emulator.stats().logins()).isEqualTo(2);

		emulator.faults().expireTokens();
		BayeuxClient client = bayeuxClient(emulator.emulator().bayeuxUrl(BAYEUX_VERSION).toString(), sessionId);
		try {
			CompletableFuture<Message> handshake = new CompletableFuture<>();
			client.handshake(handshake::complete);
			Message denied = TestClient.await(handshake);
			assertThat(denied.isSuccessful()).isFalse();
			assertThat(denied.get(Message.ERROR_FIELD)).isEqualTo("403::Handshake denied");
		}
		finally {
			// Denied with advice reconnect: none, the client stops by itself: nothing to wait for.
			client.disconnect();
		}
		// A new SOAP login works again, as a new OAuth login does.
		assertThat(empConnectorLogin(emulator.baseUrl(), "user@example.com", "pass").statusCode()).isEqualTo(200);
	}

	private static BayeuxClient bayeuxClient(String url, String bearer) {
		JettyHttpClientTransport transport = new JettyHttpClientTransport(new HashMap<>(), httpClient) {
			@Override
			protected void customize(Request request) {
				request.headers((headers) -> headers.put("Authorization", "Bearer " + bearer));
			}
		};
		return new BayeuxClient(url, transport);
	}

	/**
	 * What EMP-Connector's LoginHelper sends: a partner {@code login} envelope with single-quoted namespaces, the
	 * username and password inserted as they are, {@code Content-Type: text/xml} with no charset,
	 * {@code SOAPAction: ''} and {@code PrettyPrint: Yes}, to {@code /services/Soap/u/44.0/}.
	 */
	private static HttpResponse<String> empConnectorLogin(URI loginUrl, String username, String password)
			throws IOException, InterruptedException {
		String envelope = "<soapenv:Envelope xmlns:soapenv='" + SOAP + "' "
				+ "xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:urn='" + PARTNER + "'><soapenv:Body>"
				+ "  <urn:login>    <urn:username>" + username + "</urn:username>    <urn:password>" + password
				+ "</urn:password>  </urn:login></soapenv:Body></soapenv:Envelope>";
		return HTTP.send(HttpRequest.newBuilder(URI.create(loginUrl + "/services/Soap/u/" + SOAP_VERSION + "/"))
			.header("Content-Type", "text/xml")
			.header("SOAPAction", "''")
			.header("PrettyPrint", "Yes")
			.POST(HttpRequest.BodyPublishers.ofByteArray(envelope.getBytes(StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> post(String uri, String body) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "text/xml; charset=UTF-8")
			.header("SOAPAction", "\"\"")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String sessionId(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).isEqualTo(200);
		return text(parse(response.body()), PARTNER, "sessionId");
	}

	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	/** The text of the one element with that name ({@code null} namespace: unqualified, as SOAP 1.1 faults). */
	private static String text(Document xml, @Nullable String namespace, String localName) {
		return only(xml, namespace, localName).getTextContent();
	}

	private static Element only(Document xml, @Nullable String namespace, String localName) {
		NodeList nodes = (namespace != null) ? xml.getElementsByTagNameNS(namespace, localName)
				: xml.getElementsByTagName(localName);
		assertThat(nodes.getLength()).as(localName).isEqualTo(1);
		return (Element) nodes.item(0);
	}

}
