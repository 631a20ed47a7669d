package io.github.sfstreaming.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salesforce's REST API error shapes: the body of a refused request, an array of
 * {@code {"message":..., "errorCode":..., "fields":[...]}}, and the {@code statusCode} form of a save result's
 * errors.
 */
final class RestErrors {

	static final Error SESSION_INVALID = new Error(401, "INVALID_SESSION_ID", "Session expired or invalid",
			List.of());

	static final Error NOT_FOUND = new Error(404, "NOT_FOUND", "The requested resource does not exist", List.of());

	private RestErrors() {
	}

	/** The error of an armed HTTP error fault. */
	static Error emulated(int status) {
		return (status == 503) ? new Error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable", List.of())
				: new Error(status, "HTTP_" + status, "Emulated HTTP error", List.of());
	}

	static Map<String, Object> saveResultError(String statusCode, String message, List<String> fields) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("statusCode", statusCode);
		error.put("message", message);
		error.put("fields", fields);
		return error;
	}

	/**
	 * One error and the status of a request it refuses.
	 */
	record Error(int status, String errorCode, String message, List<String> fields) {

		/** The response body of a refused request. */
		List<Map<String, Object>> body() {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("message", this.message);
			error.put("errorCode", this.errorCode);
			if (!this.fields.isEmpty()) {
				error.put("fields", this.fields);
			}
			return List.of(error);
		}

		/** The same error in a save result. */
		Map<String, Object> inSaveResult() {
			return saveResultError(this.errorCode, this.message, this.fields);
		}

	}

}
