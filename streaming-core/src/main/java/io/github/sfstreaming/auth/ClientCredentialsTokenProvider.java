package io.github.sfstreaming.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Logs in with the OAuth client-credentials flow ({@code grant_type=client_credentials}) as the connected app's
 * run-as user. Salesforce accepts it only on the org's My Domain ({@link LoginUrls#myDomain(String)}).
 */
public final class ClientCredentialsTokenProvider extends AbstractOAuthTokenProvider {

	private final String clientId;

	private final String clientSecret;

	/**
	 * Creates a provider.
	 * @param myDomainUrl the org's My Domain URL
	 * @param clientId the connected app's consumer key
	 * @param clientSecret the consumer secret
	 */
	public ClientCredentialsTokenProvider(URI myDomainUrl, String clientId, String clientSecret) {
		this(myDomainUrl, clientId, clientSecret, null);
	}

	/**
	 * Creates a provider with its own HTTP client builder.
	 * @param myDomainUrl the org's My Domain URL
	 * @param clientId the connected app's consumer key
	 * @param clientSecret the consumer secret
	 * @param webClientBuilder the HTTP client builder, or {@code null}
	 */
	public ClientCredentialsTokenProvider(URI myDomainUrl, String clientId, String clientSecret,
			WebClient.@Nullable Builder webClientBuilder) {
		super(myDomainUrl, webClientBuilder);
		this.clientId = required(clientId, "clientId");
		this.clientSecret = required(clientSecret, "clientSecret");
	}

	@Override
	protected MultiValueMap<String, String> form() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.clientId);
		form.add("client_secret", this.clientSecret);
		return form;
	}

	@Override
	protected String grantName() {
		return "client_credentials";
	}

}
