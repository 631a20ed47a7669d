package io.github.sfstreaming.publish;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Salesforce's SaveResult ({@code {"id":..., "success":..., "errors":[...]}}) and error objects, taking
 * only the members of the expected types, so that no value a server sends can fail the caller with anything but
 * a {@link SalesforcePublishException}.
 */
final class SaveResults {

	private SaveResults() {
	}

	static PublishResult result(JsonNode node) {
		if (!node.isObject()) {
			throw new SalesforcePublishException("A save result from Salesforce is not a JSON object", 0, List.of(),
					false, null);
		}
		boolean success = node.path("success").isBoolean() && node.path("success").booleanValue();
		String eventUuid = null;
		List<PublishError> errors = new ArrayList<>();
		for (JsonNode item : node.path("errors").values()) {
			PublishError error = error(item, "statusCode");
			if (error == null) {
				continue;
			}
			if (PublishResult.OPERATION_ENQUEUED.equals(error.statusCode())) {
				eventUuid = error.message();
			}
			else {
				errors.add(error);
			}
		}
		return new PublishResult(success, text(node.get("id")), eventUuid, errors);
	}

	/**
	 * One error; Salesforce calls its code {@code statusCode} in save results and {@code errorCode} in error
	 * bodies.
	 */
	static @Nullable PublishError error(JsonNode node, String codeMember) {
		if (!node.isObject()) {
			return null;
		}
		String code = text(node.get(codeMember));
		if (code == null) {
			code = text(node.get("statusCode".equals(codeMember) ? "errorCode" : "statusCode"));
		}
		String message = text(node.get("message"));
		List<String> fields = new ArrayList<>();
		for (JsonNode field : node.path("fields").values()) {
			if (field.isString()) {
				fields.add(field.stringValue());
			}
		}
		return new PublishError((code != null) ? code : "UNKNOWN", (message != null) ? message : "", fields);
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
