package io.github.sfstreaming.auth;

import reactor.core.publisher.Mono;

/**
 * Supplies the OAuth access token and instance URL that every Bayeux request uses.
 *
 * <p>Implementations cache the token: {@link #token()} returns the cached one and logs in only when there is
 * none. The client calls {@link #refresh(AccessToken)} when Salesforce answers {@code 401}: the implementation
 * then logs in again, unless another caller already replaced that token.
 */
public interface TokenProvider {

	/**
	 * Returns the current token, logging in first if there is none.
	 * @return the token; fails with {@link LoginException} when Salesforce refuses the login
	 */
	Mono<AccessToken> token();

	/**
	 * Discards {@code rejected} and returns a new token.
	 * @param rejected the token that Salesforce rejected
	 * @return a new token; fails with {@link LoginException} when Salesforce refuses the login
	 */
	Mono<AccessToken> refresh(AccessToken rejected);

}
