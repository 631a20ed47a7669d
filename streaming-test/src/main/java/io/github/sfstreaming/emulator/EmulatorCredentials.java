package io.github.sfstreaming.emulator;

import java.security.PublicKey;

import org.jspecify.annotations.Nullable;

/**
 * The credentials the emulator's OAuth token endpoint accepts.
 * <p>
 * {@link #defaults()} accepts client id {@code test-client-id}, client secret {@code test-client-secret}, username
 * {@code user@example.com}, password {@code pass} and refresh token {@code test-refresh-token}. When a security
 * token is set, the {@code password} grant requires the password followed by that token. The JWT bearer grant is
 * accepted only when a public key is set.
 *
 * @param clientId the connected app's client id (consumer key)
 * @param clientSecret the connected app's client secret
 * @param username the user's name
 * @param password the user's password
 * @param refreshToken the refresh token accepted by the {@code refresh_token} grant
 * @param securityToken the user's security token, appended to the password, or {@code null}
 * @param jwtPublicKey the RSA public key that JWT bearer assertions are checked against, or {@code null}
 */
public record EmulatorCredentials(String clientId, String clientSecret, String username, String password,
		String refreshToken, @Nullable String securityToken, @Nullable PublicKey jwtPublicKey) {

	/**
	 * The default credentials.
	 * @return client id {@code test-client-id}, client secret {@code test-client-secret}, username
	 * {@code user@example.com}, password {@code pass}, refresh token {@code test-refresh-token}, no security token
	 * and no JWT key
	 */
	public static EmulatorCredentials defaults() {
		return new EmulatorCredentials("test-client-id", "test-client-secret", "user@example.com", "pass",
				"test-refresh-token", null, null);
	}

	/**
	 * A copy with another clientId.
	 * @param clientId the client id
	 * @return the new credentials
	 */
	public EmulatorCredentials withClientId(String clientId) {
		return new EmulatorCredentials(clientId, this.clientSecret, this.username, this.password, this.refreshToken,
				this.securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another clientSecret.
	 * @param clientSecret the client secret
	 * @return the new credentials
	 */
	public EmulatorCredentials withClientSecret(String clientSecret) {
		return new EmulatorCredentials(this.clientId, clientSecret, this.username, this.password, this.refreshToken,
				this.securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another username.
	 * @param username the username
	 * @return the new credentials
	 */
	public EmulatorCredentials withUsername(String username) {
		return new EmulatorCredentials(this.clientId, this.clientSecret, username, this.password, this.refreshToken,
				this.securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another password.
	 * @param password the password
	 * @return the new credentials
	 */
	public EmulatorCredentials withPassword(String password) {
		return new EmulatorCredentials(this.clientId, this.clientSecret, this.username, password, this.refreshToken,
				this.securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another refreshToken.
	 * @param refreshToken the refresh token
	 * @return the new credentials
	 */
	public EmulatorCredentials withRefreshToken(String refreshToken) {
		return new EmulatorCredentials(this.clientId, this.clientSecret, this.username, this.password, refreshToken,
				this.securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another securityToken.
	 * @param securityToken the security token, or {@code null} for none
	 * @return the new credentials
	 */
	public EmulatorCredentials withSecurityToken(@Nullable String securityToken) {
		return new EmulatorCredentials(this.clientId, this.clientSecret, this.username, this.password,
				this.refreshToken, securityToken, this.jwtPublicKey);
	}

	/**
	 * A copy with another jwtPublicKey.
	 * @param jwtPublicKey the RSA public key, or {@code null} to refuse the JWT bearer grant
	 * @return the new credentials
	 */
	public EmulatorCredentials withJwtPublicKey(@Nullable PublicKey jwtPublicKey) {
		return new EmulatorCredentials(this.clientId, this.clientSecret, this.username, this.password,
				this.refreshToken, this.securityToken, jwtPublicKey);
	}

	/**
	 * Names only the non-secret parts: secrets never reach logs.
	 */
	@Override
	public String toString() {
		return "EmulatorCredentials[clientId=" + this.clientId + ", username=" + this.username + ", securityToken="
				+ ((this.securityToken != null) ? "(set)" : "(none)") + ", jwtPublicKey="
				+ ((this.jwtPublicKey != null) ? "(set)" : "(none)") + "]";
	}

}
