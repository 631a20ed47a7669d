package io.github.sfstreaming.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs in with the OAuth JWT bearer flow: a JWT signed RS256 with the connected app's private key, with
 * {@code iss} = consumer key, {@code sub} = username, {@code aud} = {@code https://login.salesforce.com} or
 * {@code https://test.salesforce.com} (see {@link LoginUrls#jwtAudience(URI)}) and an expiry under three
 * minutes ahead. No client secret is needed.
 */
public final class JwtBearerTokenProvider extends AbstractOAuthTokenProvider {

	/** Salesforce allows at most three minutes; a little less leaves room for clock skew. */
	static final Duration EXPIRY = Duration.ofSeconds(150);

	private static final Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();

	private final String clientId;

	private final String username;

	private final String audience;

	private final PrivateKey privateKey;

	private final Clock clock;

	private JwtBearerTokenProvider(Builder builder) {
		super(builder.loginUrl, builder.webClientBuilder);
		this.clientId = required(builder.clientId, "clientId");
		this.username = required(builder.username, "username");
		if (builder.privateKey == null) {
			throw new IllegalArgumentException("privateKey must be set");
		}
		this.privateKey = builder.privateKey;
		this.audience = (builder.audience != null) ? builder.audience : LoginUrls.jwtAudience(getLoginUrl());
		this.clock = builder.clock;
	}

	/** Returns a builder; login URL defaults to {@link LoginUrls#PRODUCTION}. */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		form.add("assertion", assertion());
		return form;
	}

	@Override
	protected String grantName() {
		return "jwt-bearer";
	}

	/** Builds and signs a fresh assertion. */
	String assertion() {
		JsonMapper json = JsonMapper.shared();
		ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
		ObjectNode claims = json.createObjectNode()
			.put("iss", this.clientId)
			.put("sub", this.username)
			.put("aud", this.audience)
			.put("exp", this.clock.instant().plus(EXPIRY).getEpochSecond());
		String signingInput = encode(json.writeValueAsString(header)) + "." + encode(json.writeValueAsString(claims));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.privateKey);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64Url.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new LoginException("Cannot sign the JWT bearer assertion with privateKey ("
					+ ex.getClass().getSimpleName() + ")", false, null);
		}
	}

	private static String encode(String json) {
		return base64Url.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Builds a {@link JwtBearerTokenProvider}. */
	public static final class Builder {

		private URI loginUrl = LoginUrls.PRODUCTION;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable String clientId;

		private @Nullable String username;

		private @Nullable String audience;

		private @Nullable PrivateKey privateKey;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/** The login URL: {@link LoginUrls#PRODUCTION} (default), {@link LoginUrls#SANDBOX} or a My Domain. */
		public Builder loginUrl(URI loginUrl) {
			this.loginUrl = loginUrl;
			return this;
		}

		/** The builder of the HTTP client used for the token endpoint. */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/** The connected app's consumer key, the JWT's {@code iss} (required). */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/** The username to log in as, the JWT's {@code sub} (required). */
		public Builder username(String username) {
			this.username = username;
			return this;
		}

		/** The JWT's {@code aud}; default {@link LoginUrls#jwtAudience(URI)} of the login URL. */
		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		/** The private key whose certificate is uploaded to the connected app (required). */
		public Builder privateKey(PrivateKey privateKey) {
			this.privateKey = privateKey;
			return this;
		}

		/** The private key as PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}). */
		public Builder privateKeyPem(String pem) {
			this.privateKey = PemPrivateKeys.parseRsa(pem);
			return this;
		}

		/** The clock for the JWT's expiry; for tests. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** Builds the provider; it logs in on first use. */
		public JwtBearerTokenProvider build() {
			return new JwtBearerTokenProvider(this);
		}

	}

}
