package io.github.sfstreaming.auth;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.emulator.EmulatorCredentials;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every token provider against the emulator's OAuth token endpoint.
 */
class TokenProviderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static KeyPair keyPair;

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.credentials(EmulatorCredentials.defaults().withJwtPublicKey(keys().getPublic()))
		.build();

	private static KeyPair keys() {
		if (keyPair == null) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				keyPair = generator.generateKeyPair();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return keyPair;
	}

	@BeforeAll
	static void generateKey() {
		keys();
	}

	private static UsernamePasswordTokenProvider.Builder password(URI loginUrl) {
		return UsernamePasswordTokenProvider.builder()
			.loginUrl(loginUrl)
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com");
	}

	@Test
	void passwordGrantReturnsTokenAndInstanceUrl(SalesforceStreamingEmulator emulator) {
		AccessToken token = password(emulator.baseUrl()).password("pass").build().token().block(TIMEOUT);
		assertThat(token.value()).isNotBlank();
		assertThat(token.instanceUrl()).isEqualTo(emulator.baseUrl());
		assertThat(token.orgId()).isEqualTo(emulator.orgId());
		assertThat(token.toString()).doesNotContain(token.value()).contains(emulator.orgId());
	}

	@Test
	void aRefreshedTokenStillTellsItsOrg(SalesforceStreamingEmulator emulator) {
		UsernamePasswordTokenProvider provider = password(emulator.baseUrl()).password("pass").build();
		AccessToken first = provider.token().block(TIMEOUT);
		assertThat(provider.refresh(first).block(TIMEOUT).orgId()).isEqualTo(emulator.orgId());
	}

	@Test
	void tokenIsCachedAndRefreshedOnlyWhenRejected(SalesforceStreamingEmulator emulator) {
		UsernamePasswordTokenProvider provider = password(emulator.baseUrl()).password("pass").build();
		AccessToken first = provider.token().block(TIMEOUT);
		assertThat(provider.token().block(TIMEOUT)).isSameAs(first);
		long logins = emulator.stats().logins();
		AccessToken second = provider.refresh(first).block(TIMEOUT);
		assertThat(second.value()).isNotEqualTo(first.value());
		assertThat(emulator.stats().logins()).isEqualTo(logins + 1);
		// a caller still holding the old token gets the new one without another login
		assertThat(provider.refresh(first).block(TIMEOUT)).isSameAs(second);
		assertThat(emulator.stats().logins()).isEqualTo(logins + 1);
	}

	@Test
	void refusedLoginCarriesSalesforceErrorButNoSecret(SalesforceStreamingEmulator emulator) {
		UsernamePasswordTokenProvider provider = password(emulator.baseUrl()).password("wrong-secret-pw").build();
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> provider.token().block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getError()).isEqualTo("invalid_grant");
				assertThat(ex.getErrorDescription()).isEqualTo("authentication failure");
				assertThat(ex.getHttpStatus()).isEqualTo(400);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("invalid_grant")
					.doesNotContain("wrong-secret-pw")
					.doesNotContain("test-client-secret");
			});
	}

	@Test
	void securityTokenIsAppendedToThePassword() {
		try (SalesforceStreamingEmulator withToken = SalesforceStreamingEmulator.builder()
			.credentials(EmulatorCredentials.defaults().withSecurityToken("SECTOKEN"))
			.build()
			.start()) {
			assertThat(password(withToken.baseUrl()).password("pass").securityToken("SECTOKEN").build().token()
				.block(TIMEOUT)).isNotNull();
			assertThatExceptionOfType(LoginException.class)
				.isThrownBy(() -> password(withToken.baseUrl()).password("pass").build().token().block(TIMEOUT));
		}
	}

	@Test
	void refreshTokenGrant(SalesforceStreamingEmulator emulator) {
		AccessToken token = new RefreshTokenTokenProvider(emulator.baseUrl(), "test-client-id", "test-client-secret",
				"test-refresh-token").token().block(TIMEOUT);
		assertThat(token.instanceUrl()).isEqualTo(emulator.baseUrl());
		assertThat(token.orgId()).isEqualTo(emulator.orgId());
		assertThatExceptionOfType(LoginException.class)
			.isThrownBy(() -> new RefreshTokenTokenProvider(emulator.baseUrl(), "test-client-id", null, "revoked")
				.token().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("revoked"));
	}

	@Test
	void clientCredentialsGrant(SalesforceStreamingEmulator emulator) {
		assertThat(new ClientCredentialsTokenProvider(emulator.baseUrl(), "test-client-id", "test-client-secret")
			.token().block(TIMEOUT).orgId()).isEqualTo(emulator.orgId());
		assertThatExceptionOfType(LoginException.class)
			.isThrownBy(() -> new ClientCredentialsTokenProvider(emulator.baseUrl(), "test-client-id", "nope")
				.token().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_client"));
	}

	@Test
	void jwtBearerGrantWithPkcs8Pem(SalesforceStreamingEmulator emulator) {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		JwtBearerTokenProvider provider = JwtBearerTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.username("user@example.com")
			.privateKeyPem(pem)
			.build();
		AccessToken token = provider.token().block(TIMEOUT);
		assertThat(token.instanceUrl()).isEqualTo(emulator.baseUrl());
		assertThat(token.orgId()).isEqualTo(emulator.orgId());
	}

	@Test
	void jwtBearerWithTheWrongKeyIsRefused(SalesforceStreamingEmulator emulator) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		JwtBearerTokenProvider provider = JwtBearerTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.username("user@example.com")
			.privateKey(generator.generateKeyPair().getPrivate())
			.build();
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> provider.token().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"));
	}

	@Test
	void pemParsingExplainsUnsupportedForms() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PemPrivateKeys.parseRsa("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
			.withMessageContaining("PKCS#1")
			.withMessageContaining("openssl pkcs8");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PemPrivateKeys.parseRsa("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
			.withMessageContaining("not a readable PKCS#8 RSA key")
			.withMessageNotContaining("bm90IGEga2V5");
		assertThatIllegalArgumentException().isThrownBy(() -> PemPrivateKeys.parseRsa("hello"))
			.withMessageContaining("BEGIN PRIVATE KEY");
	}

	@Test
	void damagedPemKeyIsReportedWithoutKeyMaterial() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		List<String> lines = pem.lines().toList();
		String line = lines.get(3);
		String badCharacter = pem.replace(line, line.substring(0, 20) + "*" + line.substring(21));
		String truncated = String.join("\n", lines.subList(0, 5)) + "\n-----END PRIVATE KEY-----\n";
		for (String damaged : List.of(badCharacter, truncated)) {
			assertThatIllegalArgumentException().isThrownBy(() -> PemPrivateKeys.parseRsa(damaged))
				.withMessageContaining("not a readable PKCS#8 RSA key")
				.withNoCause()
				.satisfies((ex) -> lines.stream()
					.filter((keyLine) -> !keyLine.startsWith("-----"))
					.forEach((keyLine) -> assertThat(ex.getMessage()).doesNotContain(keyLine.substring(0, 16))));
		}
	}

	@Test
	void unreachableTokenEndpointIsRetryable() {
		UsernamePasswordTokenProvider provider = password(URI.create("http://127.0.0.1:1")).password("pass").build();
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> provider.token().block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isZero();
				assertThat(ex.isRetryable()).isTrue();
			});
	}

	@Test
	void credentialsGoOnlyOverHttpsOrToLoopback() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> password(URI.create("http://login.example.com")).password("p").build())
			.withMessageContaining("loginUrl 'http://login.example.com' must use https");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticTokenProvider("t", URI.create("http://10.0.0.1:8080")))
			.withMessageContaining("instanceUrl");
		assertThat(password(URI.create("http://localhost:8080")).password("p").build().getLoginUrl())
			.hasToString("http://localhost:8080");
		assertThat(password(URI.create("http://[::1]:8080/")).password("p").build().getLoginUrl())
			.hasToString("http://[::1]:8080");
		assertThat(password(LoginUrls.SANDBOX).password("p").build().getLoginUrl())
			.isEqualTo(URI.create("https://test.salesforce.com"));
		assertThat(LoginUrls.myDomain("acme")).isEqualTo(URI.create("https://acme.my.salesforce.com"));
	}

	@Test
	void missingArgumentsAreNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UsernamePasswordTokenProvider.builder().clientId("c").clientSecret("s").build())
			.withMessage("username must be set");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerTokenProvider.builder().clientId("c").username("u").build())
			.withMessage("privateKey must be set");
	}

	@Test
	void staticTokenTellsItsOrgOnlyWhenGiven() {
		URI instance = URI.create("https://acme.my.salesforce.com");
		assertThat(new StaticTokenProvider("00Dxx!secret", instance).token().block(TIMEOUT).orgId()).isNull();
		StaticTokenProvider told = new StaticTokenProvider("00Dxx!secret", instance, "00D000000000001AAA");
		assertThat(told.token().block(TIMEOUT).orgId()).isEqualTo("00D000000000001AAA");
		assertThat(told.toString()).contains("orgId=00D000000000001AAA").doesNotContain("secret");
		assertThat(new StaticTokenProvider("00Dxx!secret", instance, null).token().block(TIMEOUT).orgId()).isNull();
		// the token and the org id swapped by mistake: named, and the token not shown
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticTokenProvider("00D000000000001AAA", instance, "00D000000000001!secret"))
			.withMessageStartingWith("orgId must be")
			.withMessageNotContaining("secret");
	}

	@Test
	void staticTokenCannotBeRenewed() {
		StaticTokenProvider provider = new StaticTokenProvider("00Dxx!secret", URI.create("https://acme.my.salesforce.com"));
		AccessToken token = provider.token().block(TIMEOUT);
		assertThat(provider.toString()).doesNotContain("secret");
		assertThatExceptionOfType(LoginException.class).isThrownBy(() -> provider.refresh(token).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret"));
	}

}
