package io.github.sfstreaming.publish;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes to generic streaming channels through the Streaming Channel Push resource,
 * {@code POST /sobjects/StreamingChannel/<id>/push}. The channel's id is looked up by name with a SOQL query the
 * first time and cached; a push that Salesforce answers with {@code 404} forgets it (the channel was deleted and
 * may be created again).
 */
final class StreamingChannelPusher {

	/** Salesforce's limit on a push payload, in characters. */
	static final int MAX_PAYLOAD_LENGTH = 3000;

	private final SalesforceRestApi restApi;

	private final Map<String, String> channelIds = new ConcurrentHashMap<>();

	StreamingChannelPusher(SalesforceRestApi restApi) {
		this.restApi = restApi;
	}

	PushResult push(String channel, String payload, Collection<String> userIds) {
		String id = channelId(channel);
		ObjectNode body = this.restApi.jsonMapper().createObjectNode();
		ObjectNode event = body.putArray("pushEvents").addObject();
		event.put("payload", payload);
		userIds.forEach(event.putArray("userIds")::add);
		JsonNode answer;
		try {
			answer = this.restApi.post("/sobjects/StreamingChannel/" + id + "/push", body);
		}
		catch (SalesforcePublishException ex) {
			if (ex.getHttpStatus() == 404) {
				this.channelIds.remove(channel, id);
			}
			throw ex;
		}
		JsonNode result = answer.isArray() ? answer.path(0) : answer;
		if (!result.isObject()) {
			throw new SalesforcePublishException("Salesforce's answer to the push to " + channel
					+ " holds no push result", 200, List.of(), false, null);
		}
		Map<String, Boolean> online = new LinkedHashMap<>();
		result.path("userOnlineStatus").properties().forEach((entry) -> {
			if (entry.getValue().isBoolean()) {
				online.put(entry.getKey(), entry.getValue().booleanValue());
			}
		});
		JsonNode fanout = result.path("fanoutCount");
		return new PushResult(fanout.canConvertToInt() ? fanout.intValue() : 0, online);
	}

	private String channelId(String channel) {
		String cached = this.channelIds.get(channel);
		if (cached != null) {
			return cached;
		}
		// the name was checked against /u/[A-Za-z0-9_-/]+: it cannot close the quoted literal
		String soql = "SELECT Id, Name FROM StreamingChannel WHERE Name = '" + channel + "'";
		JsonNode answer = this.restApi.get("/query", Map.of("q", soql));
		for (JsonNode record : answer.path("records").values()) {
			JsonNode id = record.get("Id");
			if (channel.equals(record.path("Name").asString(null)) && id != null && id.isString()
					&& id.stringValue().matches("[A-Za-z0-9]{15,18}")) {
				this.channelIds.put(channel, id.stringValue());
				return id.stringValue();
			}
		}
		throw new SalesforcePublishException("No StreamingChannel named " + channel + " exists in the org: create "
				+ "it (a StreamingChannel record named " + channel + ") before pushing to it", 200,
				List.of(new PublishError("NOT_FOUND", "No StreamingChannel named " + channel, List.of())), false,
				null);
	}

}
