package io.github.sfstreaming.spring.support;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeEventHeader;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;

/**
 * Events shaped like the ones Salesforce sends, built with the core's records.
 */
public final class TestEvents {

	public static final Instant CREATED = Instant.parse("2026-05-01T10:15:30Z");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private TestEvents() {
	}

	public static JsonNode json(String json) {
		return mapper.readTree(json);
	}

	public static PushTopicEvent pushTopic(String channel, long replayId) {
		JsonNode sobject = json("{\"Id\":\"001A\",\"Name\":\"Acme\",\"AnnualRevenue\":1200.5}");
		JsonNode data = json("{\"event\":{\"createdDate\":\"2026-05-01T10:15:30.000Z\",\"replayId\":" + replayId
				+ ",\"type\":\"updated\"},\"sobject\":" + sobject + "}");
		return new PushTopicEvent(channel, replayId, CREATED, "updated", sobject, data);
	}

	public static PushTopicEvent pushTopic(long replayId) {
		return pushTopic("/topic/Accounts", replayId);
	}

	public static PlatformEvent platformEvent(long replayId) {
		JsonNode payload = json("{\"CreatedDate\":\"2026-05-01T10:15:30.000Z\",\"Order_Number__c\":\"O-42\","
				+ "\"Amount__c\":99.5}");
		JsonNode data = json("{\"schema\":\"abc123\",\"payload\":" + payload + ",\"event\":{\"replayId\":"
				+ replayId + ",\"EventUuid\":\"uuid-1\"}}");
		return new PlatformEvent("/event/Order__e", replayId, CREATED, "uuid-1", "abc123", payload, data);
	}

	public static ChangeEvent changeEvent(long replayId) {
		ChangeEventHeader header = new ChangeEventHeader("Account", List.of("001A"), ChangeType.UPDATE,
				"com/salesforce/api/soap/64.0", "tx-1", 1, true, CREATED.toEpochMilli(), 99, "005U",
				List.of("Name"), List.of(), List.of());
		JsonNode payload = json("{\"ChangeEventHeader\":{\"entityName\":\"Account\",\"changeType\":\"UPDATE\"},"
				+ "\"Name\":\"Acme Ltd\",\"Id\":\"001A\"}");
		JsonNode data = json("{\"schema\":\"cdc-schema\",\"payload\":" + payload + ",\"event\":{\"replayId\":"
				+ replayId + "}}");
		return new ChangeEvent("/data/AccountChangeEvent", replayId, CREATED, "cdc-schema", header, payload, data);
	}

	public static GenericEvent genericEvent(String payload, long replayId) {
		JsonNode data = mapper.createObjectNode()
			.put("payload", payload)
			.set("event", json("{\"replayId\":" + replayId + "}"));
		return new GenericEvent("/u/Notifications", replayId, null, payload, data);
	}

}
