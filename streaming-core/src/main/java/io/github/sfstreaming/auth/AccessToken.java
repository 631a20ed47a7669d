package io.github.sfstreaming.auth;

import java.net.URI;
import java.util.Objects;

/**
 * An OAuth access token and the instance it is valid for. Its {@link #toString()} never shows the token.
 *
 * @param value the access token, sent as {@code Authorization: Bearer <value>}
 * @param instanceUrl the org's instance, for example {@code https://mydomain.my.salesforce.com}
 */
public record AccessToken(String value, URI instanceUrl) {

	public AccessToken {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(instanceUrl, "instanceUrl");
	}

	@Override
	public String toString() {
		return "AccessToken[instanceUrl=" + this.instanceUrl + ", value=****]";
	}

}
