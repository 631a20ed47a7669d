package io.github.sfstreaming.emulator;

import java.util.List;

/**
 * Controls of the emulator's REST API (platform event publishing, generic streaming push, the StreamingChannel
 * query). Obtain it from {@link SalesforceStreamingEmulator#restApi()}; {@link SalesforceStreamingEmulator#reset()}
 * clears it.
 */
public final class RestApiControls {

	private final RestApiState state;

	RestApiControls(RestApiState state) {
		this.state = state;
	}

	/**
	 * Takes the integration user's create permission on a platform event: publishing it is refused with
	 * {@code INSUFFICIENT_ACCESS_OR_READONLY}; over the Pub/Sub API, {@code GetTopic} answers {@code can_publish}
	 * false and {@code Publish} is refused with {@code PERMISSION_DENIED}.
	 * @param eventType the event's API name, for example {@code Order__e}
	 */
	public void denyCreate(String eventType) {
		this.state.deny(eventType);
	}

	/**
	 * Expires every access token once the REST API has answered that many more requests, as a session that times
	 * out or is revoked mid-way: the next request gets {@code 401 INVALID_SESSION_ID}. 0 expires them before the
	 * next request.
	 * @param requests how many requests are still answered with the current tokens
	 */
	public void expireTokensAfter(int requests) {
		this.state.expireTokensAfter(requests);
	}

	/**
	 * Answers the next REST API requests with an HTTP error in Salesforce's shape ({@code 503}:
	 * {@code SERVER_UNAVAILABLE}) without acting on them.
	 * @param status the HTTP status, 400 to 599
	 * @param count how many requests get it
	 */
	public void httpError(int status, int count) {
		this.state.httpError(status, count);
	}

	/**
	 * The REST API requests answered since start or the last reset, in order.
	 * @return the requests
	 */
	public List<RestRequest> requests() {
		return this.state.requests();
	}

}
