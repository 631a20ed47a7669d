package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The part of Salesforce's REST API ({@code /services/data/vXX.X/...}) that publishes: platform event creation
 * ({@code POST /sobjects/<Event__e>/}), sObject Collections ({@code POST /composite/sobjects}), the
 * StreamingChannel query ({@code GET /query?q=SELECT Id, Name FROM StreamingChannel ...}) and the Streaming
 * Channel Push resource ({@code /sobjects/StreamingChannel/<id>/push}). Published events reach the channel's
 * subscribers as any other event.
 */
final class RestApiServlet extends HttpServlet {

	static final int MAX_COLLECTION_SIZE = 200;

	static final int MAX_PUSH_PAYLOAD = 3000;

	private static final Pattern VERSIONED = Pattern.compile("/v(\\d{1,3}\\.\\d)(/.*)");

	private static final Pattern PUSH = Pattern.compile("/sobjects/StreamingChannel/([A-Za-z0-9]{15,18})/push/?");

	private static final Pattern CREATE = Pattern.compile("/sobjects/([A-Za-z0-9_]+)/?");

	private static final Pattern CHANNEL_QUERY = Pattern.compile(
			"\\s*SELECT\\s+Id\\s*,\\s*Name\\s+FROM\\s+StreamingChannel(?:\\s+WHERE\\s+Name\\s*=\\s*'([^']*)')?\\s*",
			Pattern.CASE_INSENSITIVE);

	private static final String ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final TokenStore tokens;

	private final ChannelRegistry channels;

	private final RestApiState state;

	private final SalesforceStreamingEmulator emulator;

	RestApiServlet(TokenStore tokens, ChannelRegistry channels, RestApiState state,
			SalesforceStreamingEmulator emulator) {
		this.tokens = tokens;
		this.channels = channels;
		this.state = state;
		this.emulator = emulator;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI();
		if (this.state.expireNow()) {
			this.tokens.expireAll();
		}
		Integer status = this.state.takeHttpError();
		if (status != null) {
			answer(request, response, RestErrors.emulated(status).status(), RestErrors.emulated(status).body(), 0);
			return;
		}
		if (!this.tokens.isAuthorized(request.getHeader("Authorization"))) {
			answer(request, response, 401, RestErrors.SESSION_INVALID.body(), 0);
			return;
		}
		Answer answer;
		try {
			answer = route(request);
		}
		catch (RefusedException ex) {
			answer = new Answer(ex.error.status(), ex.error.body(), 0);
		}
		answer(request, response, answer.status(), answer.body(), answer.records());
		if (this.state.answeredOneRequest()) {
			this.tokens.expireAll();
		}
	}

	private Answer route(HttpServletRequest request) throws IOException {
		Matcher versioned = VERSIONED.matcher(String.valueOf(request.getPathInfo()));
		if (!versioned.matches()) {
			throw new RefusedException(RestErrors.NOT_FOUND);
		}
		String resource = versioned.group(2);
		String method = request.getMethod();
		Matcher push = PUSH.matcher(resource);
		if (push.matches()) {
			String channel = channelById(push.group(1));
			return switch (method) {
				case "GET" -> new Answer(200, onlineUsers(channel), 0);
				case "POST" -> push(channel, body(request));
				default -> throw notAllowed(method, "GET, POST");
			};
		}
		if (resource.equals("/composite/sobjects") || resource.equals("/composite/sobjects/")) {
			requireMethod(method, "POST");
			return collection(body(request));
		}
		if (resource.equals("/query") || resource.equals("/query/")) {
			requireMethod(method, "GET");
			return query(request.getParameter("q"), versioned.group(1));
		}
		Matcher create = CREATE.matcher(resource);
		if (create.matches()) {
			requireMethod(method, "POST");
			return create(create.group(1), body(request));
		}
		throw new RefusedException(RestErrors.NOT_FOUND);
	}

	/** {@code POST /sobjects/<Event__e>/}: one event, 201 with its id and UUID, or 4xx with the error. */
	private Answer create(String eventType, JsonNode body) {
		String channel = existingEventChannel(eventType);
		if (channel == null) {
			throw new RefusedException(RestErrors.NOT_FOUND);
		}
		Map<String, Object> fields = fieldsOf(body);
		refuseIfInvalid(eventType, fields);
		RestErrors.Error error = PlatformEventRecords.recordError(eventType, fields, this.state);
		if (error != null) {
			throw new RefusedException(error);
		}
		return new Answer(201, publishEvent(channel, fields), 1);
	}

	/** {@code POST /composite/sobjects}: up to 200 records, one save result each. */
	private Answer collection(JsonNode body) {
		JsonNode records = body.path("records");
		if (!records.isArray()) {
			throw new RefusedException(new RestErrors.Error(400, "JSON_PARSER_ERROR",
					"The request body must be an object with a records array", List.of()));
		}
		if (records.size() > MAX_COLLECTION_SIZE) {
			throw new RefusedException(new RestErrors.Error(400, "EXCEEDED_ID_LIMIT",
					"record limit reached. cannot submit more than " + MAX_COLLECTION_SIZE + " records into this call",
					List.of()));
		}
		boolean allOrNone = body.path("allOrNone").isBoolean() && body.path("allOrNone").booleanValue();
		List<String> types = new ArrayList<>();
		List<Map<String, Object>> fieldsOfRecords = new ArrayList<>();
		for (JsonNode record : records.values()) {
			String type = record.path("attributes").path("type").asString("");
			if (existingEventChannel(type) == null) {
				throw new RefusedException(new RestErrors.Error(400, "INVALID_TYPE", "sObject type '" + type
						+ "' is not supported. If you are attempting to use a custom object, be sure to append the "
						+ "'__c' after the entity name. Please reference your WSDL or the describe call for the "
						+ "appropriate names.", List.of()));
			}
			Map<String, Object> fields = fieldsOf(record);
			fields.remove("attributes");
			refuseIfInvalid(type, fields);
			types.add(type);
			fieldsOfRecords.add(fields);
		}
		List<RestErrors.@Nullable Error> errors = new ArrayList<>();
		for (int i = 0; i < types.size(); i++) {
			errors.add(PlatformEventRecords.recordError(types.get(i), fieldsOfRecords.get(i), this.state));
		}
		boolean rollBack = allOrNone && errors.stream().anyMatch((error) -> error != null);
		List<Map<String, Object>> results = new ArrayList<>();
		for (int i = 0; i < types.size(); i++) {
			RestErrors.Error error = errors.get(i);
			if (error != null) {
				results.add(PlatformEventRecords.saveResult(null, List.of(error.inSaveResult())));
			}
			else if (rollBack) {
				results.add(PlatformEventRecords.saveResult(null,
						List.of(RestErrors.saveResultError("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back "
								+ "because not all records were valid and the request was using AllOrNone header",
								List.of()))));
			}
			else {
				String channel = existingEventChannel(types.get(i));
				if (channel == null) { // checked above; a channel cannot disappear meanwhile
					throw new IllegalStateException("No channel for " + types.get(i));
				}
				results.add(publishEvent(channel, fieldsOfRecords.get(i)));
			}
		}
		return new Answer(200, results, types.size());
	}

	private Map<String, Object> publishEvent(String channel, Map<String, Object> fields) {
		String eventUuid = UUID.randomUUID().toString();
		this.emulator.publishPlatformEvent(channel, Json.write(fields), eventUuid);
		return PlatformEventRecords.enqueued(this.state.nextEventId(), eventUuid);
	}

	/** {@code GET /query?q=SELECT Id, Name FROM StreamingChannel [WHERE Name = '/u/X']}. */
	private Answer query(@Nullable String soql, String apiVersion) {
		Matcher query = (soql != null) ? CHANNEL_QUERY.matcher(soql) : null;
		if (query == null || !query.matches()) {
			throw new RefusedException(new RestErrors.Error(400, "MALFORMED_QUERY", "The emulator answers only "
					+ "SELECT Id, Name FROM StreamingChannel [WHERE Name = '/u/Name']", List.of()));
		}
		String name = query.group(1);
		List<Map<String, Object>> records = new ArrayList<>();
		for (String channel : genericChannels()) {
			if (name == null || name.equals(channel)) {
				String id = channelId(channel);
				Map<String, Object> attributes = new LinkedHashMap<>();
				attributes.put("type", "StreamingChannel");
				attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/StreamingChannel/" + id);
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("attributes", attributes);
				record.put("Id", id);
				record.put("Name", channel);
				records.add(record);
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("totalSize", records.size());
		result.put("done", true);
		result.put("records", records);
		return new Answer(200, result, 0);
	}

	/**
	 * {@code POST .../push}: every session of the emulator is the one integration user
	 * ({@value EventShapes#DEFAULT_USER_ID}), so an event for other users only reaches nobody.
	 */
	private Answer push(String channel, JsonNode body) {
		JsonNode events = body.path("pushEvents");
		if (!events.isArray() || events.isEmpty()) {
			throw new RefusedException(new RestErrors.Error(400, "JSON_PARSER_ERROR",
					"The request body must hold a non-empty pushEvents array", List.of()));
		}
		for (JsonNode event : events.values()) {
			if (!event.path("payload").isString()) {
				throw new RefusedException(new RestErrors.Error(400, "JSON_PARSER_ERROR",
						"Each push event needs a string payload", List.of()));
			}
			if (event.path("payload").stringValue().length() > MAX_PUSH_PAYLOAD) {
				throw new RefusedException(new RestErrors.Error(400, "STRING_TOO_LONG",
						"payload: data value too large (max length=" + MAX_PUSH_PAYLOAD + ")", List.of("payload")));
			}
		}
		List<Map<String, Object>> results = new ArrayList<>();
		for (JsonNode event : events.values()) {
			List<String> userIds = new ArrayList<>();
			event.path("userIds").values().forEach((user) -> userIds.add(user.asString("")));
			boolean online = isSubscribed(channel);
			boolean toUs = userIds.isEmpty() || userIds.contains(EventShapes.DEFAULT_USER_ID);
			if (toUs) {
				this.emulator.publish(channel, Json.write(event.path("payload").stringValue()));
			}
			Map<String, Boolean> status = new LinkedHashMap<>();
			userIds.forEach((user) -> status.put(user, online && user.equals(EventShapes.DEFAULT_USER_ID)));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("fanoutCount", userIds.isEmpty() ? -1 : (int) status.values().stream().filter((b) -> b).count());
			result.put("userOnlineStatus", status);
			results.add(result);
		}
		return new Answer(200, results, events.size());
	}

	private Map<String, Object> onlineUsers(String channel) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("OnlineUserIds", isSubscribed(channel) ? List.of(EventShapes.DEFAULT_USER_ID) : List.of());
		result.put("ChannelName", channel);
		return result;
	}

	private boolean isSubscribed(String channel) {
		EmulatorStats.ChannelStats stats = this.emulator.stats().channel(channel);
		return stats != null && !stats.subscribers().isEmpty();
	}

	private @Nullable String existingEventChannel(String eventType) {
		String channel = PlatformEventRecords.channel(eventType);
		return (channel != null && this.channels.find(channel) != null) ? channel : null;
	}

	private static void refuseIfInvalid(String eventType, Map<String, Object> fields) {
		RestErrors.Error error = PlatformEventRecords.requestError(eventType, fields);
		if (error != null) {
			throw new RefusedException(error);
		}
	}

	private List<String> genericChannels() {
		List<String> names = new ArrayList<>();
		for (ChannelLog log : this.channels.all()) {
			if (log.kind() == ChannelKind.GENERIC) {
				names.add(log.channel());
			}
		}
		names.sort(null);
		return names;
	}

	private String channelById(String id) {
		for (String channel : genericChannels()) {
			if (channelId(channel).equals(id) || channelId(channel).substring(0, 15).equals(id)) {
				return channel;
			}
		}
		throw new RefusedException(RestErrors.NOT_FOUND);
	}

	/** A stable 18-character StreamingChannel id ({@code 0M6...}) per channel name. */
	static String channelId(String channel) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(channel.getBytes(StandardCharsets.UTF_8));
			StringBuilder id = new StringBuilder("0M6");
			for (int i = 0; id.length() < 18; i++) {
				id.append(ID_CHARS.charAt((digest[i] & 0xff) % ID_CHARS.length()));
			}
			return id.toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> fieldsOf(JsonNode body) {
		if (!body.isObject()) {
			throw new RefusedException(new RestErrors.Error(400, "JSON_PARSER_ERROR",
					"Expected a JSON object of the record's fields", List.of()));
		}
		return Json.readObject(body);
	}

	private static JsonNode body(HttpServletRequest request) throws IOException {
		String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			return Json.read(text);
		}
		catch (IllegalArgumentException ex) {
			throw new RefusedException(new RestErrors.Error(400, "JSON_PARSER_ERROR", String.valueOf(ex.getMessage()),
					List.of()));
		}
	}

	private static void requireMethod(String method, String allowed) {
		if (!method.equals(allowed)) {
			throw notAllowed(method, allowed);
		}
	}

	private static RefusedException notAllowed(String method, String allowed) {
		return new RefusedException(new RestErrors.Error(405, "METHOD_NOT_ALLOWED",
				"HTTP Method '" + method + "' not allowed. Allowed are " + allowed, List.of()));
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, int status, Object body,
			int records) throws IOException {
		this.state.record(new RestRequest(request.getMethod(), request.getRequestURI(), status, records));
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
	}

	private record Answer(int status, Object body, int records) {
	}

	/** Ends a request with Salesforce's error. */
	private static final class RefusedException extends RuntimeException {

		private final RestErrors.Error error;

		RefusedException(RestErrors.Error error) {
			super(error.errorCode(), null, false, false);
			this.error = error;
		}

	}

}
