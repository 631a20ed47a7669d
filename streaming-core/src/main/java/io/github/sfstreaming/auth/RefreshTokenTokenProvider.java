package io.github.sfstreaming.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gets access tokens with a refresh token obtained earlier ({@code grant_type=refresh_token}).
 */
public final class RefreshTokenTokenProvider extends AbstractOAuthTokenProvider {

	private final String clientId;

	private final @Nullable String clientSecret;

	private final String refreshToken;

	/**
	 * Creates a provider.
	 * @param loginUrl the login URL, or the org's instance
	 * @param clientId the connected app's consumer key
	 * @param clientSecret the consumer secret, or {@code null} when the app does not require it for refresh
	 * @param refreshToken the refresh token
	 */
	public RefreshTokenTokenProvider(URI loginUrl, String clientId, @Nullable String clientSecret,
			String refreshToken) {
		this(loginUrl, clientId, clientSecret, refreshToken, null);
	}

	/**
	 * Creates a provider with its own HTTP client builder.
	 * @param loginUrl the login URL, or the org's instance
	 * @param clientId the connected app's consumer key
	 * @param clientSecret the consumer secret, or {@code null}
	 * @param refreshToken the refresh token
	 * @param webClientBuilder the HTTP client builder, or {@code null}
	 */
	public RefreshTokenTokenProvider(URI loginUrl, String clientId, @Nullable String clientSecret,
			String refreshToken, WebClient.@Nullable Builder webClientBuilder) {
		super(loginUrl, webClientBuilder);
		this.clientId = required(clientId, "clientId");
		this.clientSecret = clientSecret;
		this.refreshToken = required(refreshToken, "refreshToken");
	}

	@Override
	protected MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("client_id", this.clientId);
		if (this.clientSecret != null) {
			form.add("client_secret", this.clientSecret);
		}
		form.add("refresh_token", this.refreshToken);
		return form;
	}

	@Override
	protected String grantName() {
		return "refresh_token";
	}

}
