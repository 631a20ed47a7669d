package io.github.sfstreaming.publish;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What Salesforce answered for one published platform event.
 *
 * <p>For a high-volume platform event, Salesforce accepts the event into its publish queue and publishes it
 * asynchronously: it then returns the status {@code OPERATION_ENQUEUED} with the event's UUID among the
 * {@code errors} of a successful result. That entry is not an error: it becomes {@link #eventUuid()} and is left
 * out of {@link #errors()}. The UUID is the {@code EventUuid} that subscribers receive with the event.
 *
 * @param accepted whether Salesforce accepted the event
 * @param id the id Salesforce gave the publish operation (not part of the delivered event, not always unique),
 * or {@code null}
 * @param eventUuid the event's UUID when Salesforce gave one, or {@code null}
 * @param errors why Salesforce refused the event; empty when it was accepted
 */
public record PublishResult(boolean accepted, @Nullable String id, @Nullable String eventUuid,
		List<PublishError> errors) {

	/** Salesforce's status for an event accepted into the publish queue of a high-volume platform event. */
	public static final String OPERATION_ENQUEUED = "OPERATION_ENQUEUED";

	public PublishResult {
		errors = List.copyOf(errors);
	}

}
