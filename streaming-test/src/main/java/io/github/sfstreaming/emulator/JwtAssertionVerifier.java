package io.github.sfstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a JWT bearer assertion as Salesforce does: RS256 signed with the connected app's key, {@code iss} the client
 * id, {@code sub} the username, {@code aud} the login URL, {@code exp} in the near future.
 */
final class JwtAssertionVerifier {

	/** Salesforce wants exp within 3 minutes; allow some clock skew on top. */
	private static final Duration MAX_LIFETIME = Duration.ofMinutes(3).plusSeconds(30);

	private final Clock clock;

	JwtAssertionVerifier(Clock clock) {
		this.clock = clock;
	}

	void verify(String assertion, EmulatorCredentials credentials, Set<String> audiences) throws OAuthFailure {
		PublicKey key = credentials.jwtPublicKey();
		if (key == null) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
		String[] parts = assertion.split("\\.", -1);
		if (parts.length != 3) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
		JsonNode header = decode(parts[0]);
		if (!"RS256".equals(header.path("alg").asString(""))) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
		if (!signatureValid(key, parts)) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
		JsonNode claims = decode(parts[1]);
		if (!credentials.clientId().equals(claims.path("iss").asString(""))) {
			throw OAuthFailure.invalidClientId();
		}
		if (!credentials.username().equals(claims.path("sub").asString(""))) {
			throw new OAuthFailure("invalid_grant", "user hasn't approved this consumer");
		}
		if (!audienceValid(claims.path("aud"), audiences)) {
			throw new OAuthFailure("invalid_grant", "audience is invalid");
		}
		JsonNode exp = claims.path("exp");
		Instant now = this.clock.instant();
		if (!exp.canConvertToLong() || !Instant.ofEpochSecond(exp.asLong()).isAfter(now)) {
			throw new OAuthFailure("invalid_grant", "expired authorization code");
		}
		if (Instant.ofEpochSecond(exp.asLong()).isAfter(now.plus(MAX_LIFETIME))) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
	}

	private static boolean audienceValid(JsonNode aud, Set<String> audiences) {
		if (aud.isArray()) {
			for (JsonNode one : aud) {
				if (audiences.contains(trimSlash(one.asString("")))) {
					return true;
				}
			}
			return false;
		}
		return audiences.contains(trimSlash(aud.asString("")));
	}

	static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static boolean signatureValid(PublicKey key, String[] parts) throws OAuthFailure {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initVerify(key);
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
	}

	private static JsonNode decode(String part) throws OAuthFailure {
		try {
			JsonNode node = Json.read(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
			if (!node.isObject()) {
				throw new OAuthFailure("invalid_grant", "invalid assertion");
			}
			return node;
		}
		catch (IllegalArgumentException ex) {
			throw new OAuthFailure("invalid_grant", "invalid assertion");
		}
	}

}
