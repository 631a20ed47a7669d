package io.github.sfstreaming.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A token obtained elsewhere (for example by the Salesforce CLI). It cannot be renewed: when Salesforce
 * rejects it, {@link #refresh(AccessToken)} fails with a {@link LoginException} that is not retryable.
 */
public final class StaticTokenProvider implements TokenProvider {

	private final AccessToken token;

	/**
	 * Creates a provider whose token does not tell its org (enough for CometD; the Pub/Sub API then needs the org
	 * id given to it).
	 * @param accessToken the access token
	 * @param instanceUrl the org's instance URL (https, or http to a loopback address)
	 */
	public StaticTokenProvider(String accessToken, URI instanceUrl) {
		this(accessToken, instanceUrl, null);
	}

	/**
	 * Creates a provider.
	 * @param accessToken the access token
	 * @param instanceUrl the org's instance URL (https, or http to a loopback address)
	 * @param orgId the org's 15 or 18 character id ({@code 00D...}; {@code sf org display} shows it), or
	 * {@code null} when not known
	 * @throws IllegalArgumentException if an argument is missing or malformed
	 */
	public StaticTokenProvider(String accessToken, URI instanceUrl, @Nullable String orgId) {
		this.token = new AccessToken(AbstractOAuthTokenProvider.required(accessToken, "accessToken"),
				SecureUrls.requireSecure(instanceUrl, "instanceUrl"),
				(orgId != null) ? OrgIds.check(orgId, "orgId") : null);
	}

	@Override
	public Mono<AccessToken> token() {
		return Mono.just(this.token);
	}

	@Override
	public Mono<AccessToken> refresh(AccessToken rejected) {
		return Mono.error(new LoginException("Salesforce rejected the fixed access token for "
				+ this.token.instanceUrl() + " and it cannot be renewed; configure a token provider that can log in",
				"invalid_token", null, 401, false, null, null));
	}

	@Override
	public String toString() {
		return "StaticTokenProvider[instanceUrl=" + this.token.instanceUrl()
				+ ((this.token.orgId() != null) ? ", orgId=" + this.token.orgId() : "") + "]";
	}

}
