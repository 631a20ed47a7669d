package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 2.0 token endpoint, {@code POST /services/oauth2/token}, for the grants {@code password},
 * {@code refresh_token}, {@code client_credentials} and {@code urn:ietf:params:oauth:grant-type:jwt-bearer}.
 */
final class OAuthTokenServlet extends HttpServlet {

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final String USER_ID = EventShapes.DEFAULT_USER_ID;

	private final EmulatorCredentials credentials;

	private final TokenStore tokens;

	private final StatsRecorder stats;

	private final Supplier<String> baseUrl;

	private final JwtAssertionVerifier jwt;

	private final Clock clock;

	private final FaultState faults;

	OAuthTokenServlet(EmulatorCredentials credentials, TokenStore tokens, StatsRecorder stats,
			Supplier<String> baseUrl, Clock clock, FaultState faults) {
		this.credentials = credentials;
		this.tokens = tokens;
		this.stats = stats;
		this.baseUrl = baseUrl;
		this.clock = clock;
		this.faults = faults;
		this.jwt = new JwtAssertionVerifier(clock);
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		FaultState.TokenEndpointError fault = this.faults.takeTokenEndpointError();
		if (fault != null) {
			sendErrorPage(response, fault);
			return;
		}
		Map<String, Object> body;
		int status;
		try {
			authenticate(request);
			body = success();
			status = HttpServletResponse.SC_OK;
			this.stats.login();
		}
		catch (OAuthFailure failure) {
			body = new LinkedHashMap<>();
			body.put("error", failure.error());
			body.put("error_description", failure.description());
			status = HttpServletResponse.SC_BAD_REQUEST;
		}
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.setHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
		response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
	}

	/** An error page as an edge server or proxy sends it: HTML, no OAuth error, maybe a Retry-After. */
	private static void sendErrorPage(HttpServletResponse response, FaultState.TokenEndpointError fault)
			throws IOException {
		String reason = OAuthFailure.reasonPhrase(fault.status());
		response.setStatus(fault.status());
		if (fault.retryAfter() != null) {
			response.setHeader("Retry-After", fault.retryAfter());
		}
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
		String page = "<!DOCTYPE html>\n<html><head><title>" + fault.status() + " " + reason + "</title></head>\n"
				+ "<body><h1>" + reason + "</h1><p>The server cannot handle the request now. Please try again "
				+ "later.</p></body></html>\n";
		response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
	}

	private void authenticate(HttpServletRequest request) throws OAuthFailure {
		String grantType = request.getParameter("grant_type");
		if (grantType == null) {
			throw new OAuthFailure("unsupported_grant_type", "grant type not supported");
		}
		switch (grantType) {
			case "password" -> {
				checkClient(request);
				if (!PasswordCheck.matches(this.credentials, request.getParameter("username"),
						request.getParameter("password"))) {
					throw OAuthFailure.authenticationFailure();
				}
			}
			case "refresh_token" -> {
				checkClientId(request);
				String secret = request.getParameter("client_secret");
				if (secret != null && !equal(this.credentials.clientSecret(), secret)) {
					throw OAuthFailure.invalidClient();
				}
				if (!equal(this.credentials.refreshToken(), request.getParameter("refresh_token"))) {
					throw new OAuthFailure("invalid_grant", "expired access/refresh token");
				}
			}
			case "client_credentials" -> checkClient(request);
			case JWT_BEARER -> {
				String assertion = request.getParameter("assertion");
				if (assertion == null) {
					throw new OAuthFailure("invalid_request", "assertion is required");
				}
				String base = this.baseUrl.get();
				this.jwt.verify(assertion, this.credentials,
						Set.of(base, "https://login.salesforce.com", "https://test.salesforce.com"));
			}
			default -> throw new OAuthFailure("unsupported_grant_type", "grant type not supported");
		}
	}

	private void checkClient(HttpServletRequest request) throws OAuthFailure {
		checkClientId(request);
		if (!equal(this.credentials.clientSecret(), request.getParameter("client_secret"))) {
			throw OAuthFailure.invalidClient();
		}
	}

	private void checkClientId(HttpServletRequest request) throws OAuthFailure {
		if (!this.credentials.clientId().equals(request.getParameter("client_id"))) {
			throw OAuthFailure.invalidClientId();
		}
	}

	private Map<String, Object> success() {
		String base = this.baseUrl.get();
		String id = base + "/id/" + TokenStore.ORG_ID + "/" + USER_ID;
		String issuedAt = Long.toString(this.clock.millis());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", this.tokens.issue());
		body.put("instance_url", base);
		body.put("id", id);
		body.put("token_type", "Bearer");
		body.put("issued_at", issuedAt);
		body.put("signature", signature(id + issuedAt));
		return body;
	}

	/** As Salesforce: Base64 of HMAC-SHA256 over id and issued_at, keyed with the client secret. */
	private String signature(String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.credentials.clientSecret().getBytes(StandardCharsets.UTF_8),
					"HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Compares secrets in constant time. */
	private static boolean equal(String expected, @Nullable String given) {
		return PasswordCheck.equal(expected, given);
	}

}
