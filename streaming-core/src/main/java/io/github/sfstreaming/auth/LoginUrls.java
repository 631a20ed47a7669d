package io.github.sfstreaming.auth;

import java.net.URI;

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
	 * Returns the My Domain login URL of an org, required by the client-credentials flow.
	 * @param myDomain the My Domain name, for example {@code acme} for {@code https://acme.my.salesforce.com}
	 * @return the login URL
	 */
	public static URI myDomain(String myDomain) {
		if (myDomain == null || !myDomain.matches("[A-Za-z0-9][A-Za-z0-9-]*(--[A-Za-z0-9]+)*")) {
			throw new IllegalArgumentException("myDomain '" + myDomain + "' must be a My Domain name such as 'acme'");
		}
		return URI.create("https://" + myDomain + ".my.salesforce.com");
	}

}
