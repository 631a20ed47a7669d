package io.github.sfstreaming.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads an RSA private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the form {@code openssl pkcs8}
 * writes. Error messages never include key material.
 */
public final class PemPrivateKeys {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private PemPrivateKeys() {
	}

	/**
	 * Parses a PKCS#8 PEM RSA private key.
	 * @param pem the PEM text
	 * @return the key
	 * @throws IllegalArgumentException when the text is not an unencrypted PKCS#8 RSA key
	 */
	public static PrivateKey parseRsa(String pem) {
		if (pem == null || pem.isBlank()) {
			throw new IllegalArgumentException("privateKey must be set");
		}
		if (pem.contains("BEGIN RSA PRIVATE KEY")) {
			throw new IllegalArgumentException("privateKey is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to "
					+ "PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
		}
		if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
			throw new IllegalArgumentException("privateKey is encrypted; decrypt it with "
					+ "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
		}
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("privateKey must be a PKCS#8 PEM key starting with " + BEGIN);
		}
		String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			// The cause's message could quote key bytes: keep only its type.
			throw new IllegalArgumentException(
					"privateKey is not a readable PKCS#8 RSA key (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
