package io.github.sfstreaming.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.sfstreaming.auth.ClientCredentialsTokenProvider;
import io.github.sfstreaming.auth.JwtBearerTokenProvider;
import io.github.sfstreaming.auth.RefreshTokenTokenProvider;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Auth;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.GrantType;

/**
 * Creates the {@link TokenProvider} of the grant configured under {@code salesforce.streaming.auth}, or
 * fails with an error that names the property to fix. Secret values never appear in the errors.
 */
final class TokenProviderFactory {

	private static final String PREFIX = "salesforce.streaming.auth.";

	private static final String KEY_NOT_SHOWN = "(key text, not shown)";

	private TokenProviderFactory() {
	}

	static GrantType grantType(Auth auth) {
		if (auth.getGrantType() != null) {
			return auth.getGrantType();
		}
		if (auth.getPrivateKey() != null) {
			return GrantType.JWT_BEARER;
		}
		if (StringUtils.hasText(auth.getRefreshToken())) {
			return GrantType.REFRESH_TOKEN;
		}
		if (StringUtils.hasText(auth.getUsername()) || StringUtils.hasText(auth.getPassword())) {
			return GrantType.PASSWORD;
		}
		if (StringUtils.hasText(auth.getClientId()) && StringUtils.hasText(auth.getClientSecret())) {
			return GrantType.CLIENT_CREDENTIALS;
		}
		throw new InvalidConfigurationPropertyValueException(PREFIX + "grant-type", null,
				"No credentials are configured. Set " + PREFIX + "client-id and, for the password grant, "
						+ PREFIX + "client-secret, username and password; for the jwt-bearer grant, username and "
						+ "private-key; for the refresh-token grant, refresh-token; for the client-credentials "
						+ "grant, client-secret (and a My Domain login-url)");
	}

	static TokenProvider create(Auth auth, URI loginUrl, WebClient.Builder webClientBuilder) {
		GrantType grantType = grantType(auth);
		String grant = grantType.name().toLowerCase().replace('_', '-');
		String clientId = required("client-id", auth.getClientId(), false, grant);
		return switch (grantType) {
			case PASSWORD -> UsernamePasswordTokenProvider.builder()
				.loginUrl(loginUrl)
				.webClientBuilder(webClientBuilder)
				.clientId(clientId)
				.clientSecret(required("client-secret", auth.getClientSecret(), true, grant))
				.username(required("username", auth.getUsername(), false, grant))
				.password(required("password", auth.getPassword(), true, grant))
				.securityToken(auth.getSecurityToken())
				.build();
			case REFRESH_TOKEN -> new RefreshTokenTokenProvider(loginUrl, clientId, auth.getClientSecret(),
					required("refresh-token", auth.getRefreshToken(), true, grant), webClientBuilder);
			case JWT_BEARER -> jwtBearer(auth, loginUrl, webClientBuilder, clientId, grant);
			case CLIENT_CREDENTIALS -> new ClientCredentialsTokenProvider(loginUrl, clientId,
					required("client-secret", auth.getClientSecret(), true, grant), webClientBuilder);
		};
	}

	private static TokenProvider jwtBearer(Auth auth, URI loginUrl, WebClient.Builder webClientBuilder,
			String clientId, String grant) {
		Resource privateKey = auth.getPrivateKey();
		if (privateKey == null) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key", null,
					"A PEM private key must be set for the " + grant + " grant");
		}
		JwtBearerTokenProvider.Builder builder = JwtBearerTokenProvider.builder()
			.loginUrl(loginUrl)
			.webClientBuilder(webClientBuilder)
			.clientId(clientId)
			.username(required("username", auth.getUsername(), false, grant));
		// Pasted into the property, a key becomes a class path resource named after it, which cannot be read:
		// its name must not reach a message, nor the exception's value (Spring Boot's failure analysis prints the
		// value from the environment, hence SecretPropertyFailureAnalyzer).
		String location = (privateKey instanceof ClassPathResource resource) ? resource.getPath()
				: privateKey.getDescription();
		boolean keyMaterial = PrivateKeyText.isKeyMaterial(location)
				|| PrivateKeyText.isKeyMaterial(privateKey.getDescription());
		String shown = keyMaterial ? KEY_NOT_SHOWN : privateKey.getDescription();
		String pem;
		try {
			pem = privateKey.getContentAsString(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key", shown, keyMaterial
					? "It holds key text (" + PrivateKeyText.describe(location) + "), not the location of a key: put "
							+ "the key in a file and set the property to its location, such as "
							+ "file:/run/secrets/key.pem"
					: "The private key cannot be read: " + ex.getMessage());
		}
		try {
			builder.privateKeyPem(pem);
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key", shown,
					"It must hold an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), but " + shown
							+ " holds " + PrivateKeyText.describe(pem));
		}
		if (StringUtils.hasText(auth.getAudience())) {
			builder.audience(auth.getAudience());
		}
		return builder.build();
	}

	private static String required(String property, @Nullable String value, boolean secret, String grant) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, secret ? null : value,
					"Must be set for the " + grant + " grant");
		}
		return value;
	}

}
