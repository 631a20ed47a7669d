package io.github.sfstreaming.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link LoginUrls}.
 */
class LoginUrlsTests {

	@Test
	void myDomainOfAProductionOrgAndOfASandbox() {
		assertThat(LoginUrls.myDomain("acme")).isEqualTo(URI.create("https://acme.my.salesforce.com"));
		assertThat(LoginUrls.myDomain("acme--uat"))
			.isEqualTo(URI.create("https://acme--uat.sandbox.my.salesforce.com"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoginUrls.myDomain("acme.my.salesforce.com"))
			.withMessageContaining("myDomain");
	}

	@Test
	void jwtBearerAssertionForAMyDomainLoginUsesTheLoginAudience() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		JwtBearerTokenProvider provider = JwtBearerTokenProvider.builder()
			.loginUrl(LoginUrls.myDomain("acme"))
			.clientId("consumer-key")
			.username("user@example.com")
			.privateKey(generator.generateKeyPair().getPrivate())
			.build();
		String claims = new String(Base64.getUrlDecoder().decode(provider.assertion().split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat(JsonMapper.shared().readTree(claims).path("aud").asString()).isEqualTo("https://login.salesforce.com");
	}

	@ParameterizedTest
	@CsvSource({ "https://login.salesforce.com, https://login.salesforce.com",
			"https://test.salesforce.com, https://test.salesforce.com",
			"https://acme.my.salesforce.com, https://login.salesforce.com",
			"https://ACME.my.salesforce.com/, https://login.salesforce.com",
			"https://acme--uat.sandbox.my.salesforce.com, https://test.salesforce.com",
			"https://acme--uat.my.salesforce.com, https://test.salesforce.com",
			"https://acme.my.site.com, https://acme.my.site.com",
			"http://127.0.0.1:8080, http://127.0.0.1:8080" })
	void jwtAudienceIsLoginOrTestForSalesforceHosts(String loginUrl, String audience) {
		assertThat(LoginUrls.jwtAudience(URI.create(loginUrl))).isEqualTo(audience);
	}

}
