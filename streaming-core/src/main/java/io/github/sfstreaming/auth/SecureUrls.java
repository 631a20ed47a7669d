package io.github.sfstreaming.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks that credentials and tokens are only ever sent over https, or to this machine (tests, emulators).
 */
public final class SecureUrls {

	private SecureUrls() {
	}

	/**
	 * Checks {@code url} and returns it without a trailing slash.
	 * @param url the URL
	 * @param argument the name of the builder argument that supplied it, for the error message
	 * @return the URL
	 * @throws IllegalArgumentException when the URL is not https and not a loopback address
	 */
	public static URI requireSecure(URI url, String argument) {
		if (url == null) {
			throw new IllegalArgumentException(argument + " must be set");
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException(argument + " '" + url + "' must be an absolute https URL");
		}
		if (scheme.equals("http") && !isLoopback(url.getHost())) {
			throw new IllegalArgumentException(argument + " '" + url
					+ "' must use https: credentials are sent over plain http only to a loopback address");
		}
		String text = url.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
	}

	/**
	 * Whether {@code host} is this machine. Only literal addresses and {@code localhost} are accepted, so that
	 * no DNS answer can turn a remote host into a "loopback" one.
	 * @param host the host
	 * @return whether it is a loopback address
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost")) {
			return true;
		}
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (!name.matches("[0-9.]+") && !name.contains(":")) {
			return false;
		}
		try {
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
