package io.github.sfstreaming.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.auth.PemPrivateKeys;

/**
 * Says what is wrong with the text given for {@code salesforce.streaming.auth.private-key}, in words that never
 * quote it: it may be the key itself, pasted into the property, or a key in a form that cannot be read.
 */
final class PrivateKeyText {

	/** A run of base64, without the slash that also separates a path's parts, that no location holds. */
	private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+=]{40,}");

	/** Base64 without any dot, long: a key, not a file name. */
	private static final Pattern BASE64_NAME = Pattern.compile("[A-Za-z0-9+/=]{40,}");

	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

	private static final String TO_PKCS8 = "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'";

	private PrivateKeyText() {
	}

	/**
	 * Whether text that should name a resource holds key material instead: PEM armour, several lines, a long run
	 * of base64, or nothing but base64 and no file extension. A location that looks like that is not shown
	 * either, which costs little.
	 * @param text the location as given, or the resource's description
	 * @return whether it must not appear in a message
	 */
	static boolean isKeyMaterial(String text) {
		return text.contains("-----") || text.contains("PRIVATE KEY") || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0 || BASE64_RUN.matcher(text).find() || BASE64_NAME.matcher(text).matches();
	}

	/**
	 * Describes what the text is and how to turn it into the PKCS#8 PEM RSA key that is needed.
	 * @param text what was read or given as the key
	 * @return the description, which quotes nothing of the text
	 */
	static String describe(String text) {
		if (text.isBlank()) {
			return "nothing";
		}
		if (text.contains("BEGIN RSA PRIVATE KEY")) {
			return "a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with " + TO_PKCS8;
		}
		if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
			return "an encrypted key (BEGIN ENCRYPTED PRIVATE KEY); decrypt it with " + TO_PKCS8;
		}
		if (text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN OPENSSH PRIVATE KEY")) {
			return "not an RSA key in PEM form; the JWT bearer flow signs with an RSA key (RS256)";
		}
		if (text.contains("BEGIN CERTIFICATE") || text.contains("BEGIN PUBLIC KEY")) {
			return "a certificate or a public key; it must be the private key that goes with the certificate of the "
					+ "connected app";
		}
		if (text.contains("BEGIN PRIVATE KEY")) {
			if (!text.contains("END PRIVATE KEY")) {
				return "a PKCS#8 PEM key cut short: the -----END PRIVATE KEY----- line is missing";
			}
			return isReadable(text) ? "a PKCS#8 PEM RSA private key"
					: "a PKCS#8 PEM key whose content is not a readable RSA private key (damaged, or not RSA)";
		}
		if (text.contains("-----BEGIN")) {
			return "PEM text that is not a private key";
		}
		String compact = text.replaceAll("\\s", "");
		if (BASE64.matcher(compact).matches() && compact.length() >= 40) {
			byte[] decoded = decode(compact);
			if (decoded != null && new String(decoded, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
				return "base64-encoded PEM text (as a Kubernetes secret's data holds it); decode it with 'base64 -d'";
			}
			if (decoded != null && decoded.length > 0 && decoded[0] == 0x30) {
				return "a key without its PEM armour; put it between a -----BEGIN PRIVATE KEY----- line and an "
						+ "-----END PRIVATE KEY----- line";
			}
		}
		return "not a PEM private key, which starts with -----BEGIN PRIVATE KEY-----";
	}

	private static boolean isReadable(String pem) {
		try {
			PemPrivateKeys.parseRsa(pem);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static byte @Nullable [] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
