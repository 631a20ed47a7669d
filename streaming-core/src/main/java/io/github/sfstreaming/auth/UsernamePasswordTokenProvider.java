package io.github.sfstreaming.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Logs in with the OAuth username-password flow ({@code grant_type=password}). Salesforce retires this flow for
 * connected apps in February 2027: prefer {@link JwtBearerTokenProvider} or
 * {@link ClientCredentialsTokenProvider}.
 */
public final class UsernamePasswordTokenProvider extends AbstractOAuthTokenProvider {

	private final String clientId;

	private final String clientSecret;

	private final String username;

	private final String password;

	private UsernamePasswordTokenProvider(Builder builder) {
		super(builder.loginUrl, builder.webClientBuilder);
		this.clientId = required(builder.clientId, "clientId");
		this.clientSecret = required(builder.clientSecret, "clientSecret");
		this.username = required(builder.username, "username");
		// Salesforce expects the security token appended to the password.
		this.password = required(builder.password, "password")
				+ ((builder.securityToken != null) ? builder.securityToken : "");
	}

	/** Returns a builder; login URL defaults to {@link LoginUrls#PRODUCTION}. */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "password");
		form.add("client_id", this.clientId);
		form.add("client_secret", this.clientSecret);
		form.add("username", this.username);
		form.add("password", this.password);
		return form;
	}

	@Override
	protected String grantName() {
		return "password";
	}

	/** Builds a {@link UsernamePasswordTokenProvider}. */
	public static final class Builder {

		private URI loginUrl = LoginUrls.PRODUCTION;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable String username;

		private @Nullable String password;

		private @Nullable String securityToken;

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

		/** The connected app's consumer key (required). */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/** The connected app's consumer secret (required). */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/** The user's username (required). */
		public Builder username(String username) {
			this.username = username;
			return this;
		}

		/** The user's password (required). */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/** The user's security token, when the org requires one from this address; optional. */
		public Builder securityToken(@Nullable String securityToken) {
			this.securityToken = securityToken;
			return this;
		}

		/** Builds the provider; it logs in on first use. */
		public UsernamePasswordTokenProvider build() {
			return new UsernamePasswordTokenProvider(this);
		}

	}

}
