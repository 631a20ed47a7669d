package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.Objects;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.TokenProvider;
import io.grpc.Metadata;

/**
 * The metadata every Pub/Sub call carries, from the same {@link TokenProvider} as the CometD side:
 * {@code accesstoken}, {@code instanceurl} and {@code tenantid} (the org id).
 */
final class PubSubCredentials {

	static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

	private final TokenProvider tokens;

	private final String orgId;

	PubSubCredentials(TokenProvider tokens, String orgId) {
		this.tokens = Objects.requireNonNull(tokens, "tokenProvider");
		this.orgId = OrgIds.check(orgId);
	}

	/** The current token, logging in if there is none. Blocks: call it off gRPC's and Reactor's threads. */
	AccessToken current() {
		return Objects.requireNonNull(this.tokens.token().block(LOGIN_TIMEOUT), "TokenProvider gave no token");
	}

	/** Discards the refused token and logs in again. Blocks. */
	AccessToken refresh(AccessToken rejected) {
		return Objects.requireNonNull(this.tokens.refresh(rejected).block(LOGIN_TIMEOUT),
				"TokenProvider gave no token");
	}

	Metadata metadata(AccessToken token) {
		Metadata metadata = new Metadata();
		metadata.put(ACCESS_TOKEN, token.value());
		metadata.put(INSTANCE_URL, token.instanceUrl().toString());
		metadata.put(TENANT_ID, this.orgId);
		return metadata;
	}

}
