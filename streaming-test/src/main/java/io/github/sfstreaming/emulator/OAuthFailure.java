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
		return String.valueOf(getMessage());
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

	/**
	 * The reason phrase of an HTTP error status, for the error pages of the token endpoint's faults.
	 * @param status a status from 400 to 599
	 * @return its phrase, or a generic one
	 */
	static String reasonPhrase(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 408 -> "Request Timeout";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> (status < 500) ? "Client Error" : "Server Error";
		};
	}

}
