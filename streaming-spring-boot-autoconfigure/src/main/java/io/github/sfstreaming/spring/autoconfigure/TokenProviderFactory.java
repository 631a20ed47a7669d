package io.github.sfstreaming.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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
		try {
			builder.privateKeyPem(privateKey.getContentAsString(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			boolean inlineKey = looksLikeKeyText(privateKey.getDescription());
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key",
					inlineKey ? "(key text, not shown)" : privateKey.getDescription(),
					inlineKey ? "It must name a resource holding the key, such as file:/run/secrets/key.pem, "
							+ "not the key itself" : "The private key cannot be read: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "private-key",
					looksLikeKeyText(privateKey.getDescription()) ? "(key text, not shown)"
							: privateKey.getDescription(),
					"Not a PKCS#8 PEM RSA private key (-----BEGIN PRIVATE KEY-----)");
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

	/**
	 * Whether a resource's description holds key material: a PEM pasted into the property becomes a class path
	 * resource named after the key, and that name must not reach an error message.
	 */
	private static boolean looksLikeKeyText(String description) {
		return description.contains("-----BEGIN") || description.contains("PRIVATE KEY");
	}

}
