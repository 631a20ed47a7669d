package io.github.sfstreaming.publish;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.client.StreamingException;
import io.github.sfstreaming.logging.ServerText;

/**
 * Salesforce refused a publish request, or could not be reached. Carries Salesforce's errors (for example
 * {@code INVALID_FIELD}, {@code NOT_FOUND} for an unknown event type, {@code INSUFFICIENT_ACCESS_OR_READONLY}),
 * the HTTP status and, for a batch that Salesforce refused part way, the results of the events it had already
 * accepted. The message never contains the access token.
 */
public class SalesforcePublishException extends StreamingException {

	private final int httpStatus;

	private final List<PublishError> errors;

	private final boolean retryable;

	private final List<PublishResult> completedResults;

	/**
	 * Creates an exception.
	 * @param message what failed, with any server text already escaped
	 * @param httpStatus the HTTP status Salesforce answered, or 0 when there was no answer
	 * @param errors Salesforce's errors; empty when it gave none
	 * @param retryable whether trying again later may succeed
	 * @param cause the cause, or {@code null}
	 */
	public SalesforcePublishException(String message, int httpStatus, List<PublishError> errors, boolean retryable,
			@Nullable Throwable cause) {
		this(message, httpStatus, errors, retryable, List.of(), cause);
	}

	private SalesforcePublishException(String message, int httpStatus, List<PublishError> errors,
			boolean retryable, List<PublishResult> completedResults, @Nullable Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errors = List.copyOf(errors);
		this.retryable = retryable;
		this.completedResults = List.copyOf(completedResults);
	}

	/**
	 * The same failure, for a batch of which the first events were already published.
	 * @param failure the failure of a later request of the batch
	 * @param completed the results of the events published before it, in order
	 * @param total the number of events in the batch
	 * @return the exception to throw
	 */
	static SalesforcePublishException afterPartOfBatch(SalesforcePublishException failure,
			List<PublishResult> completed, int total) {
		return new SalesforcePublishException(failure.getMessage() + " (after Salesforce answered for "
				+ completed.size() + " of the batch's " + total + " events; see getCompletedResults())",
				failure.httpStatus, failure.errors, failure.retryable, completed, failure);
	}

	/** The HTTP status Salesforce answered, or 0 when the request got no answer. */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/** Salesforce's errors, as it sent them; empty when it gave none. */
	public List<PublishError> getErrors() {
		return this.errors;
	}

	/** Salesforce's first error code, for example {@code INVALID_FIELD}, or {@code null} if it gave none. */
	public @Nullable String getErrorCode() {
		return this.errors.isEmpty() ? null : this.errors.get(0).statusCode();
	}

	/**
	 * For a batch larger than one request: the results of the events of the requests Salesforce answered before
	 * this failure, in order. Empty otherwise.
	 */
	public List<PublishResult> getCompletedResults() {
		return this.completedResults;
	}

	@Override
	public boolean isRetryable() {
		return this.retryable;
	}

	static String describe(List<PublishError> errors) {
		if (errors.isEmpty()) {
			return "no error details";
		}
		StringBuilder text = new StringBuilder();
		for (PublishError error : errors.subList(0, Math.min(errors.size(), 5))) {
			if (!text.isEmpty()) {
				text.append("; ");
			}
			text.append(error);
		}
		return (errors.size() > 5) ? text + "; ... (" + errors.size() + " errors)" : text.toString();
	}

	static String escape(@Nullable String serverText) {
		return ServerText.escape(serverText);
	}

}
