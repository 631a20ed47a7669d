package io.github.sfstreaming.publish;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishing to Salesforce's streaming channels, implemented by {@link SalesforceStreamingTemplate}.
 *
 * <p>Platform events ({@code /event/X__e}) are published from a POJO, a {@code Map} or a Jackson
 * {@code JsonNode} that serialises to a JSON object of the event's fields. Generic streaming channels
 * ({@code /u/X}) take a string payload. PushTopic ({@code /topic/X}) and Change Data Capture ({@code /data/X})
 * events come from record changes and cannot be published: those channels fail with
 * {@link IllegalArgumentException}.
 *
 * <p>The blocking methods wait for Salesforce's answer: do not call them on a reactive (event loop) thread; the
 * {@code ...Async} methods run on the template's executor. Failures are {@link SalesforcePublishException}s
 * (the asynchronous forms complete exceptionally with one).
 */
public interface SalesforceStreamingOperations {

	/**
	 * Publishes one platform event.
	 * @param channel {@code /event/Order__e} or {@code Order__e}
	 * @param event the event's fields: a POJO, a {@code Map} or a {@code JsonNode} object
	 * @return Salesforce's answer, accepted
	 * @throws SalesforcePublishException if Salesforce refused the event (for example {@code INVALID_FIELD},
	 * {@code NOT_FOUND} for an unknown event type) or could not be reached after the retries
	 */
	PublishResult publish(String channel, Object event);

	/**
	 * Publishes platform events with as few requests as possible: the sObject Collections resource, up to 200
	 * events a request, in order. With all-or-none, Salesforce accepts all or none of each request's events.
	 * @param channel {@code /event/Order__e} or {@code Order__e}
	 * @param events the events' fields
	 * @return one result per event, in order: accepted, or refused with Salesforce's errors
	 * @throws SalesforcePublishException if Salesforce refused a whole request or could not be reached; its
	 * {@link SalesforcePublishException#getCompletedResults()} holds the results of the earlier requests
	 */
	List<PublishResult> publishAll(String channel, Collection<?> events);

	/**
	 * Pushes a payload to every subscriber of a generic streaming channel.
	 * @param channel {@code /u/Name}; a StreamingChannel record of that name must exist
	 * @param payload the payload, at most 3,000 characters
	 * @return Salesforce's answer
	 */
	PushResult push(String channel, String payload);

	/**
	 * Pushes a payload to some users subscribed to a generic streaming channel.
	 * @param channel {@code /u/Name}
	 * @param payload the payload, at most 3,000 characters
	 * @param userIds the ids of the users to send it to; empty for every subscriber
	 * @return Salesforce's answer: which of the users were online
	 */
	PushResult push(String channel, String payload, Collection<String> userIds);

	/**
	 * {@link #publish(String, Object)} on the template's executor.
	 * @param channel {@code /event/Order__e} or {@code Order__e}
	 * @param event the event's fields
	 * @return the future result
	 */
	CompletableFuture<PublishResult> publishAsync(String channel, Object event);

	/**
	 * {@link #publishAll(String, Collection)} on the template's executor.
	 * @param channel {@code /event/Order__e} or {@code Order__e}
	 * @param events the events' fields
	 * @return the future results
	 */
	CompletableFuture<List<PublishResult>> publishAllAsync(String channel, Collection<?> events);

	/**
	 * {@link #push(String, String, Collection)} on the template's executor.
	 * @param channel {@code /u/Name}
	 * @param payload the payload
	 * @param userIds the users; empty for every subscriber
	 * @return the future result
	 */
	CompletableFuture<PushResult> pushAsync(String channel, String payload, Collection<String> userIds);

}
