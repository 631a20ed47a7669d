package io.github.sfstreaming.publish;

import java.util.List;
import java.util.Objects;

import io.github.sfstreaming.logging.ServerText;

/**
 * One error Salesforce gave for an event or a request, as in its REST API error bodies and save results.
 *
 * @param statusCode Salesforce's code, for example {@code INVALID_FIELD} or {@code STRING_TOO_LONG}
 * @param message Salesforce's message, as it sent it
 * @param fields the fields the error is about; empty when it is not about a field
 */
public record PublishError(String statusCode, String message, List<String> fields) {

	public PublishError {
		Objects.requireNonNull(statusCode, "statusCode");
		Objects.requireNonNull(message, "message");
		fields = List.copyOf(fields);
	}

	/** The server's text escaped, so that logging this error cannot forge log lines. */
	@Override
	public String toString() {
		return ServerText.escape(this.statusCode) + ": " + ServerText.escape(this.message)
				+ (this.fields.isEmpty() ? "" : " " + ServerText.escape(this.fields.toString()));
	}

}
