package io.github.sfstreaming.pubsub;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.TokenProvider;
import reactor.core.publisher.Mono;

/** The emulator's real login, counting the re-logins. */
final class CountingTokens implements TokenProvider {

	private final TokenProvider delegate;

	final AtomicInteger refreshes = new AtomicInteger();

	CountingTokens(TokenProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<AccessToken> token() {
		return this.delegate.token();
	}

	@Override
	public Mono<AccessToken> refresh(AccessToken rejected) {
		this.refreshes.incrementAndGet();
		return this.delegate.refresh(rejected);
	}

}
