package io.github.sfstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTokenEndpointTests {

	private static KeyPair appKey;

	private static SalesforceStreamingEmulator emulator;

	private static SalesforceStreamingEmulator tokenRequired;

	@BeforeAll
	static void start() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		appKey = generator.generateKeyPair();
		emulator = SalesforceStreamingEmulator.builder()
			.credentials(EmulatorCredentials.defaults().withJwtPublicKey(appKey.getPublic()))
			.build()
			.start();
		tokenRequired = SalesforceStreamingEmulator.builder()
			.credentials(EmulatorCredentials.defaults().withPassword("secret").withSecurityToken("TOKEN123"))
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
		tokenRequired.close();
	}

	@Test
	void passwordGrantAnswersLikeSalesforce() {
		TestClient.Response response = TestClient.token(emulator.baseUrl(), password("pass"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("access_token").stringValue()).isNotBlank();
		assertThat(response.body().get("instance_url").stringValue()).isEqualTo(emulator.baseUrl().toString());
		assertThat(response.body().get("token_type").stringValue()).isEqualTo("Bearer");
		// the identity URL names the org that the Pub/Sub side wants as tenantid
		assertThat(response.body().get("id").stringValue())
			.isEqualTo(emulator.baseUrl() + "/id/" + emulator.orgId() + "/005000000000001AAA");
		assertThat(emulator.orgId()).hasSize(18).startsWith("00D");
		assertThat(Long.parseLong(response.body().get("issued_at").stringValue())).isPositive();
		assertThat(response.body().get("signature").stringValue()).isNotBlank();
		assertThat(emulator.stats().logins()).isPositive();
	}

	@Test
	void everyLoginIssuesANewToken() {
		String first = TestClient.token(emulator.baseUrl(), password("pass")).body().get("access_token").stringValue();
		String second = TestClient.token(emulator.baseUrl(), password("pass")).body().get("access_token").stringValue();
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void wrongPasswordIsAnAuthenticationFailure() {
		assertFailure(TestClient.token(emulator.baseUrl(), password("wrong")), "invalid_grant",
				"authentication failure");
	}

	@Test
	void wrongUsernameIsAnAuthenticationFailure() {
		Map<String, String> form = password("pass");
		form.put("username", "other@example.com");
		assertFailure(TestClient.token(emulator.baseUrl(), form), "invalid_grant", "authentication failure");
	}

	@Test
	void wrongClientIdIsInvalidClientId() {
		Map<String, String> form = password("pass");
		form.put("client_id", "nope");
		assertFailure(TestClient.token(emulator.baseUrl(), form), "invalid_client_id", "client identifier invalid");
	}

	@Test
	void wrongClientSecretIsInvalidClient() {
		Map<String, String> form = password("pass");
		form.put("client_secret", "nope");
		assertFailure(TestClient.token(emulator.baseUrl(), form), "invalid_client", "invalid client credentials");
	}

	@Test
	void securityTokenMustFollowThePasswordWhenConfigured() {
		assertThat(TestClient.token(tokenRequired.baseUrl(), password("secretTOKEN123")).status()).isEqualTo(200);
		assertFailure(TestClient.token(tokenRequired.baseUrl(), password("secret")), "invalid_grant",
				"authentication failure");
	}

	@Test
	void refreshTokenGrant() {
		Map<String, String> form = new HashMap<>(Map.of("grant_type", "refresh_token", "client_id", "test-client-id",
				"client_secret", "test-client-secret", "refresh_token", "test-refresh-token"));
		TestClient.Response response = TestClient.token(emulator.baseUrl(), form);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("id").stringValue()).contains("/id/" + emulator.orgId() + "/");
		form.put("refresh_token", "stale");
		assertFailure(TestClient.token(emulator.baseUrl(), form), "invalid_grant", "expired access/refresh token");
	}

	@Test
	void clientCredentialsGrant() {
		Map<String, String> form = new HashMap<>(Map.of("grant_type", "client_credentials", "client_id",
				"test-client-id", "client_secret", "test-client-secret"));
		TestClient.Response response = TestClient.token(emulator.baseUrl(), form);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("id").stringValue()).contains("/id/" + emulator.orgId() + "/");
		form.put("client_secret", "nope");
		assertFailure(TestClient.token(emulator.baseUrl(), form), "invalid_client", "invalid client credentials");
	}

	@Test
	void jwtBearerGrantWithAValidAssertion() throws Exception {
		String jwt = jwt(appKey.getPrivate(), "test-client-id", "user@example.com", emulator.baseUrl().toString(),
				Instant.now().plusSeconds(120));
		TestClient.Response response = TestClient.token(emulator.baseUrl(), jwtForm(jwt));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("instance_url").stringValue()).isEqualTo(emulator.baseUrl().toString());
		assertThat(response.body().get("id").stringValue()).contains("/id/" + emulator.orgId() + "/");
	}

	@Test
	void jwtBearerGrantChecksSignatureAndClaims() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		PrivateKey otherKey = generator.generateKeyPair().getPrivate();
		String aud = emulator.baseUrl().toString();
		Instant exp = Instant.now().plusSeconds(120);
		assertFailure(TestClient.token(emulator.baseUrl(),
				jwtForm(jwt(otherKey, "test-client-id", "user@example.com", aud, exp))), "invalid_grant",
				"invalid assertion");
		assertFailure(TestClient.token(emulator.baseUrl(),
				jwtForm(jwt(appKey.getPrivate(), "other-app", "user@example.com", aud, exp))), "invalid_client_id",
				"client identifier invalid");
		assertThat(TestClient.token(emulator.baseUrl(),
				jwtForm(jwt(appKey.getPrivate(), "test-client-id", "other@example.com", aud, exp))).status())
			.isEqualTo(400);
		assertFailure(TestClient.token(emulator.baseUrl(),
				jwtForm(jwt(appKey.getPrivate(), "test-client-id", "user@example.com", "https://example.com", exp))),
				"invalid_grant", "audience is invalid");
		assertThat(TestClient.token(emulator.baseUrl(), jwtForm(jwt(appKey.getPrivate(), "test-client-id",
				"user@example.com", aud, Instant.now().minusSeconds(10)))).body().get("error").stringValue())
			.isEqualTo("invalid_grant");
		assertFailure(TestClient.token(emulator.baseUrl(), jwtForm("not.a.jwt")), "invalid_grant",
				"invalid assertion");
	}

	@Test
	void jwtBearerGrantIsRefusedWithoutAConfiguredKey() throws Exception {
		String jwt = jwt(appKey.getPrivate(), "test-client-id", "user@example.com",
				tokenRequired.baseUrl().toString(), Instant.now().plusSeconds(120));
		assertThat(TestClient.token(tokenRequired.baseUrl(), jwtForm(jwt)).status()).isEqualTo(400);
	}

	@Test
	void unknownGrantType() {
		assertFailure(TestClient.token(emulator.baseUrl(), Map.of("grant_type", "authorization_code")),
				"unsupported_grant_type", "grant type not supported");
		assertFailure(TestClient.token(emulator.baseUrl(), Map.of()), "unsupported_grant_type",
				"grant type not supported");
	}

	private static void assertFailure(TestClient.Response response, String error, String description) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("error").stringValue()).isEqualTo(error);
		assertThat(response.body().get("error_description").stringValue()).isEqualTo(description);
	}

	private static Map<String, String> password(String password) {
		return new HashMap<>(Map.of("grant_type", "password", "client_id", "test-client-id", "client_secret",
				"test-client-secret", "username", "user@example.com", "password", password));
	}

	private static Map<String, String> jwtForm(String assertion) {
		return Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion);
	}

	static String jwt(PrivateKey key, String iss, String sub, String aud, Instant exp) throws Exception {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = encoder.encodeToString(Json.write(Map.of("iss", iss, "sub", sub, "aud", aud, "exp",
				exp.getEpochSecond())).getBytes(StandardCharsets.UTF_8));
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(key);
		signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
		return header + "." + claims + "." + encoder.encodeToString(signature.sign());
	}

}
