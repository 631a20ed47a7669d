package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.OrgIds;
import io.github.sfstreaming.auth.TokenProvider;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata every Pub/Sub call carries, from the same {@link TokenProvider} as the CometD side:
 * {@code accesstoken}, {@code instanceurl} and {@code tenantid} (the org id). The org id is the one given, else
 * the one the token's login told ({@link AccessToken#orgId()}).
 */
final class PubSubCredentials {

	private static final Logger logger = LoggerFactory.getLogger(PubSubCredentials.class);

	static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

	private final TokenProvider tokens;

	private final @Nullable String orgId;

	/** The org id the last token that told one named: a later login whose answer lacks it is the same org. */
	private volatile @Nullable String told;

	private final AtomicBoolean warnedOfAnotherOrg = new AtomicBoolean();

	/**
	 * @param tokens the token provider
	 * @param orgId the org id to send, or {@code null} to send the one each token's login told
	 */
	PubSubCredentials(TokenProvider tokens, @Nullable String orgId) {
		this.tokens = Objects.requireNonNull(tokens, "tokenProvider");
		this.orgId = (orgId != null) ? OrgIds.check(orgId, "orgId") : null;
	}

	/** Sends the org id each token's login told. */
	PubSubCredentials(TokenProvider tokens) {
		this(tokens, null);
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

	/**
	 * The org id sent with {@code token}: the one given, else the token's, else the one an earlier token told.
	 * @throws MissingOrgIdException when none is known; retrying cannot change that
	 */
	String orgId(AccessToken token) {
		String ofToken = token.orgId();
		if (ofToken != null) {
			this.told = ofToken;
		}
		if (this.orgId != null) {
			if (ofToken != null && !sameOrg(this.orgId, ofToken) && this.warnedOfAnotherOrg.compareAndSet(false, true)) {
				logger.warn("The org id given for the Pub/Sub API ({}) is not the org the token was issued for ({}): "
						+ "Salesforce will refuse the calls; fix the org id given, or leave it out to use the token's",
						this.orgId, ofToken);
			}
			return this.orgId;
		}
		String known = this.told;
		if (known == null) {
			throw new MissingOrgIdException(this.tokens);
		}
		return known;
	}

	/**
	 * The call metadata for {@code token}.
	 * @throws MissingOrgIdException when no org id is known
	 */
	Metadata metadata(AccessToken token) {
		Metadata metadata = new Metadata();
		metadata.put(ACCESS_TOKEN, token.value());
		metadata.put(INSTANCE_URL, token.instanceUrl().toString());
		metadata.put(TENANT_ID, orgId(token));
		return metadata;
	}

	/** A 15 and an 18 character id of one org share their first 15 characters. */
	private static boolean sameOrg(String one, String other) {
		return one.regionMatches(0, other, 0, 15);
	}

	/** Neither was an org id given nor did the token's login tell it. */
	static final class MissingOrgIdException extends IllegalStateException {

		MissingOrgIdException(TokenProvider tokens) {
			// the provider's class, not its toString: an application's own provider might print a secret
			super("The Pub/Sub API needs the org id (its tenantid header), and the login of the "
					+ tokens.getClass().getSimpleName() + " did not tell it: give the org id (the orgId argument "
					+ "of PubSubSubscriber, or new StaticTokenProvider(accessToken, instanceUrl, orgId)), or use an "
					+ "OAuth token provider, whose answer names it");
		}

	}

}
