package io.github.sfstreaming.emulator;

/**
 * A refused token request, answered with HTTP 400 and Salesforce's {@code error} and {@code error_description}.
 */
final class OAuthFailure extends Exception {

	private final String error;

	OAuthFailure(String error, String description) {
		super(description, null, false, false);
		this.error = error;
	}

	String error() {
		return this.error;
	}

	String description() {
		return getMessage();
	}

	static OAuthFailure authenticationFailure() {
		return new OAuthFailure("invalid_grant", "authentication failure");
	}

	static OAuthFailure invalidClientId() {
		return new OAuthFailure("invalid_client_id", "client identifier invalid");
	}

	static OAuthFailure invalidClient() {
		return new OAuthFailure("invalid_client", "invalid client credentials");
	}

}
