package io.github.sfstreaming.auth;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth access token, the instance it is valid for and, when the login told it, the org it belongs to. Its
 * {@link #toString()} never shows the token.
 *
 * @param value the access token, sent as {@code Authorization: Bearer <value>}
 * @param instanceUrl the org's instance, for example {@code https://mydomain.my.salesforce.com}
 * @param orgId the org's 15 or 18 character id ({@code 00D...}), or {@code null} when the login did not tell it
 * (the Pub/Sub API needs it as {@code tenantid}; CometD does not)
 */
public record AccessToken(String value, URI instanceUrl, @Nullable String orgId) {

	/**
	 * Checks the components.
	 * @throws IllegalArgumentException if {@code orgId} is given but is not an org id
	 */
	public AccessToken {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(instanceUrl, "instanceUrl");
		if (orgId != null) {
			OrgIds.check(orgId, "orgId");
		}
	}

	/**
	 * A token whose org is not known.
	 * @param value the access token
	 * @param instanceUrl the org's instance
	 */
	public AccessToken(String value, URI instanceUrl) {
		this(value, instanceUrl, null);
	}

	@Override
	public String toString() {
		return "AccessToken[instanceUrl=" + this.instanceUrl + ((this.orgId != null) ? ", orgId=" + this.orgId : "")
				+ ", value=****]";
	}

}
