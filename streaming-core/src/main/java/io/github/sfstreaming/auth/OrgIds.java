package io.github.sfstreaming.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Reads and checks Salesforce org ids: what an {@link AccessToken} may carry, and what the Pub/Sub API wants as
 * its {@code tenantid}. The one place that knows their shape and the identity URL that holds them.
 *
 * <p>Error messages never repeat the value that was refused: a misplaced argument could be an access token,
 * which starts with {@code 00D} too.
 */
public final class OrgIds {

	private OrgIds() {
	}

	/**
	 * Whether {@code orgId} has the shape of an org id: 15 or 18 ASCII letters and digits, starting with
	 * {@code 00D}.
	 * @param orgId the text, or {@code null}
	 * @return whether it is an org id
	 */
	public static boolean isOrgId(@Nullable String orgId) {
		return orgId != null && (orgId.length() == 15 || orgId.length() == 18) && orgId.startsWith("00D")
				&& orgId.chars().allMatch(OrgIds::isAsciiLetterOrDigit);
	}

	/**
	 * Checks an org id.
	 * @param orgId the org id
	 * @return the org id
	 * @throws IllegalArgumentException naming the argument {@code orgId} and the expected shape
	 */
	public static String check(String orgId) {
		return check(orgId, "orgId");
	}

	/**
	 * Checks an org id.
	 * @param orgId the org id
	 * @param argument the name of the argument or property that supplied it, for the error message
	 * @return the org id
	 * @throws IllegalArgumentException naming {@code argument} and the expected shape, without the value
	 */
	public static String check(@Nullable String orgId, String argument) {
		if (orgId == null || !isOrgId(orgId)) {
			String given = (orgId == null) ? "it is not set" : "the value given, not shown, has " + orgId.length()
					+ " characters" + (orgId.startsWith("00D") ? "" : " and does not start with 00D");
			throw new IllegalArgumentException(argument + " must be the org's 15 or 18 character id (letters and "
					+ "digits starting with 00D, as Setup > Company Information shows it); " + given);
		}
		return orgId;
	}

	/**
	 * The org id of an OAuth identity URL, the {@code id} of a token response:
	 * {@code https://login.salesforce.com/id/<orgId>/<userId>} (any host, any path before {@code /id}).
	 * @param identityUrl the identity URL
	 * @return the org id
	 * @throws IllegalArgumentException if the URL does not end with {@code /id/<orgId>/<userId>} or its org id
	 * is not one; the message does not repeat the URL
	 */
	public static String fromIdentityUrl(URI identityUrl) {
		String path = (identityUrl != null && identityUrl.getPath() != null) ? identityUrl.getPath() : "";
		// a trailing slash leaves no empty last part: split drops it
		String[] parts = path.split("/");
		int n = parts.length;
		if (n < 3 || !parts[n - 3].equals("id") || parts[n - 1].isEmpty()) {
			throw new IllegalArgumentException("The identity URL does not end with /id/<orgId>/<userId>");
		}
		if (!isOrgId(parts[n - 2])) {
			throw new IllegalArgumentException("The identity URL's /id/<orgId>/<userId> holds no org id (15 or 18 "
					+ "letters and digits starting with 00D)");
		}
		return parts[n - 2];
	}

	private static boolean isAsciiLetterOrDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

}
