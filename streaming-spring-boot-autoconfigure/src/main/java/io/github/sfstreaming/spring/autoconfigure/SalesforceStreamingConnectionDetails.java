package io.github.sfstreaming.spring.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details for a connection to Salesforce: the login URL and the credentials that the client logs in with. The
 * auto-configuration uses a bean of this type when there is one (an emulator in a test, a secret store) and
 * otherwise reads {@code salesforce.streaming.login-url} and {@code salesforce.streaming.auth.*}.
 * <p>
 * With a bean of this type, the grant is inferred from the values it returns (refresh token first, then username
 * and password, then client credentials); the JWT bearer grant ({@code auth.private-key}) is configured with
 * properties only.
 */
public interface SalesforceStreamingConnectionDetails extends ConnectionDetails {

	/**
	 * The login URL: {@code https://login.salesforce.com}, {@code https://test.salesforce.com} or a My Domain URL
	 * ({@code http} only to this machine).
	 * @return the login URL
	 */
	URI getLoginUrl();

	/**
	 * The connected app's consumer key.
	 * @return the client id
	 */
	@Nullable String getClientId();

	/**
	 * The connected app's consumer secret.
	 * @return the client secret, or {@code null}
	 */
	default @Nullable String getClientSecret() {
		return null;
	}

	/**
	 * The integration user's name (password grant).
	 * @return the username, or {@code null}
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * The integration user's password (password grant).
	 * @return the password, or {@code null}
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * The security token appended to the password, when the org requires one.
	 * @return the security token, or {@code null}
	 */
	default @Nullable String getSecurityToken() {
		return null;
	}

	/**
	 * A refresh token issued to the connected app (refresh-token grant).
	 * @return the refresh token, or {@code null}
	 */
	default @Nullable String getRefreshToken() {
		return null;
	}

}
