package io.github.sfstreaming.pubsub;

import java.net.URI;

/**
 * Reads and checks Salesforce org ids, which the Pub/Sub API wants as the {@code tenantid} metadata.
 */
public final class OrgIds {

	private OrgIds() {
	}

	/**
	 * The org id from the OAuth token response's {@code id} URL, {@code https://login.salesforce.com/id/<orgId>/<userId>}.
	 * @param identityUrl the {@code id} URL
	 * @return the org id
	 * @throws IllegalArgumentException if the URL does not have that shape
	 */
	public static String fromIdentityUrl(URI identityUrl) {
		String path = (identityUrl.getPath() != null) ? identityUrl.getPath() : "";
		String[] parts = path.split("/");
		for (int i = 0; i + 2 < parts.length; i++) {
			if (parts[i].equals("id")) {
				return check(parts[i + 1]);
			}
		}
		throw new IllegalArgumentException("The identity URL has no /id/<orgId>/<userId> path");
	}

	/**
	 * Checks an org id: 15 or 18 letters and digits, starting with {@code 00D}.
	 * @param orgId the org id
	 * @return the org id
	 * @throws IllegalArgumentException naming the problem
	 */
	public static String check(String orgId) {
		if (orgId == null || !(orgId.length() == 15 || orgId.length() == 18) || !orgId.startsWith("00D")
				|| !orgId.chars().allMatch((c) -> c < 128 && Character.isLetterOrDigit(c))) {
			throw new IllegalArgumentException("orgId must be Salesforce's 15 or 18 character org id (00D...)");
		}
		return orgId;
	}

}
