package io.github.sfstreaming.pubsub;

import java.net.URI;

/**
 * Reads and checks Salesforce org ids.
 * @deprecated the token carries the org id now ({@link io.github.sfstreaming.auth.AccessToken#orgId()}); use
 * {@link io.github.sfstreaming.auth.OrgIds}, which this delegates to
 */
@Deprecated(forRemoval = true)
public final class OrgIds {

	private OrgIds() {
	}

	/**
	 * The org id from the OAuth token response's {@code id} URL.
	 * @param identityUrl the {@code id} URL
	 * @return the org id
	 * @throws IllegalArgumentException if the URL does not have that shape
	 * @see io.github.sfstreaming.auth.OrgIds#fromIdentityUrl(URI)
	 */
	public static String fromIdentityUrl(URI identityUrl) {
		return io.github.sfstreaming.auth.OrgIds.fromIdentityUrl(identityUrl);
	}

	/**
	 * Checks an org id.
	 * @param orgId the org id
	 * @return the org id
	 * @throws IllegalArgumentException naming the problem
	 * @see io.github.sfstreaming.auth.OrgIds#check(String)
	 */
	public static String check(String orgId) {
		return io.github.sfstreaming.auth.OrgIds.check(orgId);
	}

}
