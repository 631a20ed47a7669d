package io.github.sfstreaming.auth;

import java.net.URI;

import reactor.core.publisher.Mono;

/**
 * A token obtained elsewhere (for example by the Salesforce CLI). It cannot be renewed: when Salesforce
 * rejects it, {@link #refresh(AccessToken)} fails with a {@link LoginException} that is not retryable.
 */
public final class StaticTokenProvider implements TokenProvider {

	private final AccessToken token;

	/**
	 * Creates a provider.
	 * @param accessToken the access token
	 * @param instanceUrl the org's instance URL (https, or http to a loopback address)
	 */
	public StaticTokenProvider(String accessToken, URI instanceUrl) {
		this.token = new AccessToken(AbstractOAuthTokenProvider.required(accessToken, "accessToken"),
				SecureUrls.requireSecure(instanceUrl, "instanceUrl"));
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
		return "StaticTokenProvider[instanceUrl=" + this.token.instanceUrl() + "]";
	}

}
