package io.github.sfstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * The username and password check shared by the OAuth {@code password} grant and the SOAP {@code login()} call, so
 * that both accept exactly the same credentials.
 */
final class PasswordCheck {

	private PasswordCheck() {
	}

	/**
	 * Whether a username and password are the user's: the password must be followed by the security token when one
	 * is configured, as at Salesforce.
	 */
	static boolean matches(EmulatorCredentials credentials, @Nullable String username, @Nullable String password) {
		String expected = credentials.password();
		if (credentials.securityToken() != null) {
			expected = expected + credentials.securityToken();
		}
		// Evaluate both, so that the time taken does not tell which one was wrong.
		boolean user = credentials.username().equals(username);
		boolean secret = equal(expected, password);
		return user & secret;
	}

	/** Compares secrets in constant time. */
	static boolean equal(String expected, @Nullable String given) {
		return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8));
	}

}
