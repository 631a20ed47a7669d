package io.github.sfstreaming.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The access tokens issued and still valid.
 */
final class TokenStore {

	/** Salesforce access tokens start with the org id and an exclamation mark. */
	static final String ORG_ID = "00D000000000001AAA";

	private final SecureRandom random = new SecureRandom();

	private final Set<String> valid = ConcurrentHashMap.newKeySet();

	String issue() {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		String token = ORG_ID.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.valid.add(token);
		return token;
	}

	/**
	 * Whether an {@code Authorization} header carries a valid token ({@code Bearer} or {@code OAuth} scheme, as
	 * Salesforce accepts both).
	 */
	boolean isAuthorized(@Nullable String authorization) {
		if (authorization == null) {
			return false;
		}
		String value = authorization.trim();
		int space = value.indexOf(' ');
		if (space < 0) {
			return false;
		}
		String scheme = value.substring(0, space);
		if (!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("OAuth")) {
			return false;
		}
		return this.valid.contains(value.substring(space + 1).trim());
	}

	/** Whether the token itself (no scheme) was issued and is still valid, as the Pub/Sub API receives it. */
	boolean isValid(@Nullable String token) {
		return token != null && this.valid.contains(token.trim());
	}

	void expireAll() {
		this.valid.clear();
	}

}
