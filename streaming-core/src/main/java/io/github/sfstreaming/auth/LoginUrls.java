package io.github.sfstreaming.auth;

import java.net.URI;
import java.util.Locale;

/**
 * Salesforce login URLs, the base of the OAuth token endpoint ({@code <login-url>/services/oauth2/token}).
 */
public final class LoginUrls {

	/** Production orgs and Developer Edition: {@code https://login.salesforce.com}. */
	public static final URI PRODUCTION = URI.create("https://login.salesforce.com");

	/** Sandboxes: {@code https://test.salesforce.com}. */
	public static final URI SANDBOX = URI.create("https://test.salesforce.com");

	private LoginUrls() {
	}

	/**
	 * Returns the My Domain login URL of an org, required by the client-credentials flow. A sandbox's name
	 * ({@code acme--uat}) gives its enhanced-domain host, {@code https://acme--uat.sandbox.my.salesforce.com}.
	 * @param myDomain the My Domain name, for example {@code acme} for {@code https://acme.my.salesforce.com}
	 * @return the login URL
	 */
	public static URI myDomain(String myDomain) {
		if (myDomain == null || !myDomain.matches("[A-Za-z0-9][A-Za-z0-9-]*(--[A-Za-z0-9]+)*")) {
			throw new IllegalArgumentException("myDomain '" + myDomain + "' must be a My Domain name such as 'acme'");
		}
		String suffix = myDomain.contains("--") ? ".sandbox.my.salesforce.com" : ".my.salesforce.com";
		return URI.create("https://" + myDomain + suffix);
	}

	/**
	 * Returns the audience ({@code aud}) a JWT bearer assertion needs for a login URL. Salesforce accepts
	 * only {@code https://login.salesforce.com} or {@code https://test.salesforce.com} there, even when the token
	 * is requested from a My Domain host; any other host (an Experience Cloud site, an emulator) is its own
	 * audience.
	 * @param loginUrl the login URL
	 * @return the audience
	 */
	public static String jwtAudience(URI loginUrl) {
		String host = (loginUrl.getHost() != null) ? loginUrl.getHost().toLowerCase(Locale.ROOT) : "";
		if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")
				|| (host.endsWith(".my.salesforce.com") && host.substring(0, host.indexOf('.')).contains("--"))) {
			return SANDBOX.toString();
		}
		if (host.equals("salesforce.com") || host.endsWith(".salesforce.com")) {
			return PRODUCTION.toString();
		}
		return loginUrl.toString();
	}

}
