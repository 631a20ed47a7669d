package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The SOAP partner API's {@code login()} call, {@code POST /services/Soap/u/<apiVersion>}, as clients that log in
 * with a username and password without a connected app use it (Salesforce's EMP-Connector among them). It accepts
 * what the OAuth {@code password} grant accepts, and its session id is an access token of the same store: the
 * Bayeux endpoint takes it as a Bearer token, the {@code expire-tokens} fault ends it, and the login is counted in
 * the same stats.
 * <p>
 * Nothing here is logged: the request carries the password.
 */
final class SoapLoginServlet extends HttpServlet {

	/** {@code /NN.N}, optionally followed by a slash (as EMP-Connector posts) and an org id. */
	private static final Pattern VERSION_PATH = Pattern.compile("/(\\d{1,3}\\.\\d)(/[A-Za-z0-9]*)?");

	/** A login envelope is a few hundred bytes; anything this large is not one. */
	private static final int MAX_BODY = 64 * 1024;

	static final String FAULT_NAMESPACE = "urn:fault.partner.soap.sforce.com";

	static final String INVALID_LOGIN_MESSAGE = "Invalid username, password, security token; or user locked out.";

	/** Salesforce shows the 15-character org id in its SOAP URLs. */
	private static final String ORG_ID_15 = TokenStore.ORG_ID.substring(0, 15);

	private static final String USER_ID = EventShapes.DEFAULT_USER_ID;

	/** Salesforce's default session timeout, two hours; the emulator's tokens last until the expire-tokens fault. */
	private static final int SESSION_SECONDS_VALID = 7200;

	private final EmulatorCredentials credentials;

	private final TokenStore tokens;

	private final StatsRecorder stats;

	private final Supplier<String> baseUrl;

	SoapLoginServlet(EmulatorCredentials credentials, TokenStore tokens, StatsRecorder stats,
			Supplier<String> baseUrl) {
		this.credentials = credentials;
		this.tokens = tokens;
		this.stats = stats;
		this.baseUrl = baseUrl;
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo();
		Matcher version = VERSION_PATH.matcher((path != null) ? path : "");
		if (!version.matches()) {
			send(response, HttpServletResponse.SC_NOT_FOUND, clientFault(
					"The SOAP partner endpoint is /services/Soap/u/<apiVersion>, e.g. /services/Soap/u/64.0"));
			return;
		}
		SoapLoginRequest login;
		try {
			login = SoapLoginRequest.parse(body(request), declaredCharset(request));
		}
		catch (SoapLoginRequest.Invalid ex) {
			send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, clientFault(String.valueOf(ex.getMessage())));
			return;
		}
		if (!PasswordCheck.matches(this.credentials, login.username(), login.password())) {
			send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, invalidLogin());
			return;
		}
		String sessionId = this.tokens.issue();
		this.stats.login();
		send(response, HttpServletResponse.SC_OK, success(version.group(1), sessionId));
	}

	private static byte[] body(HttpServletRequest request) throws IOException, SoapLoginRequest.Invalid {
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_BODY + 1);
			if (bytes.length > MAX_BODY) {
				throw new SoapLoginRequest.Invalid("The request is larger than " + MAX_BODY + " bytes");
			}
			return bytes;
		}
	}

	/**
	 * The charset of the {@code Content-Type} only when the client named one: otherwise the XML declaration (or
	 * UTF-8) decides, as RFC 7303 says, whatever default the container assumes for {@code text/xml}.
	 */
	private static @Nullable String declaredCharset(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("charset=")) {
			return null;
		}
		return request.getCharacterEncoding();
	}

	private String success(String apiVersion, String sessionId) {
		String base = this.baseUrl.get();
		String username = this.credentials.username();
		StringBuilder xml = new StringBuilder(2048);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
			.append("<soapenv:Envelope xmlns:soapenv=\"").append(SoapLoginRequest.SOAP_ENVELOPE)
			.append("\" xmlns=\"").append(SoapLoginRequest.PARTNER)
			.append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
			.append("<soapenv:Body><loginResponse><result>");
		// LoginResult's members, in the partner WSDL's order.
		element(xml, "metadataServerUrl", base + "/services/Soap/m/" + apiVersion + "/" + ORG_ID_15);
		element(xml, "passwordExpired", "false");
		element(xml, "sandbox", "false");
		element(xml, "serverUrl", base + "/services/Soap/u/" + apiVersion + "/" + ORG_ID_15);
		element(xml, "sessionId", sessionId);
		element(xml, "userId", USER_ID);
		xml.append("<userInfo>");
		element(xml, "accessibilityMode", "false");
		element(xml, "currencySymbol", "$");
		element(xml, "orgAttachmentFileSizeLimit", "5242880");
		element(xml, "orgDefaultCurrencyIsoCode", "USD");
		element(xml, "orgDisallowHtmlAttachments", "false");
		element(xml, "orgHasPersonAccounts", "false");
		element(xml, "organizationId", TokenStore.ORG_ID);
		element(xml, "organizationMultiCurrency", "false");
		element(xml, "organizationName", "Salesforce Streaming Emulator");
		element(xml, "profileId", "00e000000000001AAA");
		xml.append("<roleId xsi:nil=\"true\"/>");
		element(xml, "sessionSecondsValid", Integer.toString(SESSION_SECONDS_VALID));
		xml.append("<userDefaultCurrencyIsoCode xsi:nil=\"true\"/>");
		element(xml, "userEmail", username);
		element(xml, "userFullName", "Emulator User");
		element(xml, "userId", USER_ID);
		element(xml, "userLanguage", "en_US");
		element(xml, "userLocale", "en_US");
		element(xml, "userName", username);
		element(xml, "userTimeZone", "GMT");
		element(xml, "userType", "Standard");
		element(xml, "userUiSkin", "Theme3");
		xml.append("</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>");
		return xml.toString();
	}

	/** Salesforce's answer to a wrong username or password, security token included, as an HTTP 500 fault. */
	private static String invalidLogin() {
		StringBuilder xml = faultStart(FAULT_NAMESPACE);
		element(xml, "faultcode", "sf:INVALID_LOGIN");
		element(xml, "faultstring", "INVALID_LOGIN: " + INVALID_LOGIN_MESSAGE);
		xml.append("<detail><sf:LoginFault xsi:type=\"sf:LoginFault\">");
		element(xml, "sf:exceptionCode", "INVALID_LOGIN");
		element(xml, "sf:exceptionMessage", INVALID_LOGIN_MESSAGE);
		xml.append("</sf:LoginFault></detail>");
		return faultEnd(xml);
	}

	/** A request the service cannot read, as SOAP 1.1 defines: the fault is the client's. */
	private static String clientFault(String message) {
		StringBuilder xml = faultStart(FAULT_NAMESPACE);
		element(xml, "faultcode", "soapenv:Client");
		element(xml, "faultstring", message);
		return faultEnd(xml);
	}

	private static StringBuilder faultStart(String faultNamespace) {
		return new StringBuilder(1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
			.append("<soapenv:Envelope xmlns:soapenv=\"").append(SoapLoginRequest.SOAP_ENVELOPE)
			.append("\" xmlns:sf=\"").append(faultNamespace)
			.append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
			.append("<soapenv:Body><soapenv:Fault>");
	}

	private static String faultEnd(StringBuilder xml) {
		return xml.append("</soapenv:Fault></soapenv:Body></soapenv:Envelope>").toString();
	}

	private static void element(StringBuilder xml, String name, String text) {
		xml.append('<').append(name).append('>');
		escape(xml, text);
		xml.append("</").append(name).append('>');
	}

	private static void escape(StringBuilder xml, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> xml.append("&amp;");
				case '<' -> xml.append("&lt;");
				case '>' -> xml.append("&gt;");
				case '"' -> xml.append("&quot;");
				case '\'' -> xml.append("&apos;");
				default -> xml.append(c);
			}
		}
	}

	private static void send(HttpServletResponse response, int status, String xml) throws IOException {
		response.setStatus(status);
		response.setContentType("text/xml;charset=UTF-8");
		response.setHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
		response.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
	}

}
