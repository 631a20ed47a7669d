package io.github.sfstreaming.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes platform events through the REST API: one event with {@code POST /sobjects/<Event__e>/}, a batch with
 * the sObject Collections resource {@code POST /composite/sobjects} (up to 200 records per request).
 */
final class RestEventPublisher implements EventPublisher {

	/** The sObject Collections limit. */
	static final int MAX_BATCH_SIZE = 200;

	private static final Set<String> RETRYABLE_CODES = Set.of("PLATFORM_EVENT_PUBLISHING_UNAVAILABLE",
			"SERVER_UNAVAILABLE");

	private final SalesforceRestApi restApi;

	RestEventPublisher(SalesforceRestApi restApi) {
		this.restApi = restApi;
	}

	@Override
	public PublishResult publish(String eventType, ObjectNode event) {
		JsonNode answer = this.restApi.post("/sobjects/" + eventType + "/", event);
		PublishResult result = SaveResults.result(answer);
		if (!result.accepted()) {
			boolean retryable = result.errors()
				.stream()
				.anyMatch((error) -> RETRYABLE_CODES.contains(error.statusCode()));
			throw new SalesforcePublishException("Salesforce did not accept the " + eventType + " event: "
					+ SalesforcePublishException.describe(result.errors()), 200, result.errors(), retryable, null);
		}
		return result;
	}

	@Override
	public List<PublishResult> publishBatch(String eventType, List<ObjectNode> events, boolean allOrNone) {
		ObjectNode body = this.restApi.jsonMapper().createObjectNode();
		body.put("allOrNone", allOrNone);
		ArrayNode records = body.putArray("records");
		for (ObjectNode event : events) {
			ObjectNode record = records.addObject();
			record.putObject("attributes").put("type", eventType);
			event.properties().forEach((field) -> {
				if (!"attributes".equals(field.getKey())) {
					record.set(field.getKey(), field.getValue());
				}
			});
		}
		JsonNode answer = this.restApi.post("/composite/sobjects", body);
		if (!answer.isArray() || answer.size() != events.size()) {
			throw new SalesforcePublishException("Salesforce answered " + (answer.isArray() ? answer.size() : "no")
					+ " save results for " + events.size() + " " + eventType + " events", 200, List.of(), false, null);
		}
		List<PublishResult> results = new ArrayList<>(events.size());
		answer.values().forEach((result) -> results.add(SaveResults.result(result)));
		return results;
	}

	@Override
	public int maxBatchSize() {
		return MAX_BATCH_SIZE;
	}

}
