package io.github.sfstreaming.publish;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * The transport that carries platform events to Salesforce, behind {@link SalesforceStreamingTemplate}: the REST
 * API ({@link RestEventPublisher}) by default. The template serialises the events, splits batches to
 * {@link #maxBatchSize()}, retries, observes and reports; a transport only sends one request.
 *
 * <p>Implementations throw {@link SalesforcePublishException} for a refused or failed request, retryable only
 * when sending the same request again may succeed. They are called from several threads at once.
 */
public interface EventPublisher {

	/**
	 * Publishes one event.
	 * @param eventType the platform event's API name, for example {@code Order__e}
	 * @param event the event's fields
	 * @return Salesforce's answer; an event Salesforce refuses fails with {@link SalesforcePublishException}
	 */
	PublishResult publish(String eventType, ObjectNode event);

	/**
	 * Publishes events in one request.
	 * @param eventType the platform event's API name
	 * @param events at most {@link #maxBatchSize()} events' fields
	 * @param allOrNone whether Salesforce must refuse every event when it refuses one
	 * @return one result per event, in order
	 */
	List<PublishResult> publishBatch(String eventType, List<ObjectNode> events, boolean allOrNone);

	/**
	 * The most events one {@link #publishBatch} request may carry.
	 * @return the limit, at least 1
	 */
	int maxBatchSize();

}
