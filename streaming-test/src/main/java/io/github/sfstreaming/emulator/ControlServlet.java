package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.grpc.Status;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The control API under {@code /emulator/}: publish, faults, stats, reset and channels, as JSON over HTTP.
 */
final class ControlServlet extends HttpServlet {

	private final SalesforceStreamingEmulator emulator;

	ControlServlet(SalesforceStreamingEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if ("/stats".equals(request.getPathInfo())) {
			send(response, HttpServletResponse.SC_OK, this.emulator.stats());
		}
		else if ("/pubsub-stats".equals(request.getPathInfo())) {
			try {
				send(response, HttpServletResponse.SC_OK, this.emulator.pubSubStats());
			}
			catch (IllegalStateException ex) {
				send(response, HttpServletResponse.SC_NOT_FOUND, Map.of("error", String.valueOf(ex.getMessage())));
			}
		}
		else {
			notFound(request, response);
		}
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = String.valueOf(request.getPathInfo());
		try {
			switch (path) {
				case "/publish" -> send(response, HttpServletResponse.SC_OK, publish(body(request)));
				case "/faults" -> {
					fault(body(request));
					send(response, HttpServletResponse.SC_OK, Map.of("status", "ok"));
				}
				case "/reset" -> {
					this.emulator.reset();
					send(response, HttpServletResponse.SC_OK, Map.of("status", "ok"));
				}
				case "/channels" -> {
					JsonNode body = body(request);
					String channel = text(body, "channel");
					if (body.has("fields")) {
						this.emulator.definePlatformEvent(channel, fields(body.get("fields")));
					}
					else {
						this.emulator.createChannel(channel);
					}
					send(response, HttpServletResponse.SC_OK, Map.of("channel", channel));
				}
				default -> notFound(request, response);
			}
		}
		catch (IllegalArgumentException ex) {
			send(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	private Map<String, Object> publish(JsonNode body) {
		String channel = text(body, "channel");
		int count = optionalInt(body, "count", 1);
		JsonNode payload = body.get("payload");
		String payloadJson = (payload != null) ? payload.toString() : "{}";
		double rate = body.has("ratePerSecond") ? number(body, "ratePerSecond") : 0;
		if (rate < 0) {
			throw new IllegalArgumentException("'ratePerSecond' must not be negative");
		}
		if (rate == 0) {
			return Map.of("replayIds", this.emulator.publish(channel, count, payloadJson));
		}
		List<Long> replayIds = new ArrayList<>(count);
		long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			// Pace the events: the i-th leaves i intervals after the first.
			long due = start + i * intervalNanos;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			replayIds.add(this.emulator.publish(channel, payloadJson));
		}
		return Map.of("replayIds", replayIds);
	}

	private void fault(JsonNode body) {
		String kind = text(body, "kind");
		if (kind.startsWith("pubsub-")) {
			pubSubFault(kind, body);
			return;
		}
		EmulatorFaults faults = this.emulator.faults();
		switch (kind) {
			case "expire-tokens" -> faults.expireTokens();
			case "drop-sessions" -> faults.dropSessions();
			case "http-error" -> faults.httpError(optionalInt(body, "status", 503), optionalInt(body, "count", 1));
			case "delay" -> faults.delay(Duration.ofMillis((long) number(body, "ms")), optionalInt(body, "count", 1));
			case "trim-retention" -> faults.trimRetention((int) number(body, "keepLast"));
			case "server-disconnect" -> faults.serverDisconnect();
			case "bayeux-error" -> faults.bayeuxError(text(body, "channel"), text(body, "error"),
					optionalInt(body, "count", 1));
			case "clear" -> faults.clear();
			default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "' (expected expire-tokens,"
					+ " drop-sessions, http-error, delay, trim-retention, server-disconnect, bayeux-error or clear)");
		}
	}

	private void pubSubFault(String kind, JsonNode body) {
		PubSubFaults faults;
		try {
			faults = this.emulator.pubSubFaults();
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException("the Pub/Sub API is not enabled (start with --pubsub-port)");
		}
		switch (kind) {
			case "pubsub-unavailable" -> faults.unavailable(optionalInt(body, "count", 1));
			case "pubsub-auth-error" -> faults.authError(optionalInt(body, "count", 1));
			case "pubsub-corrupted-replay-id" -> faults.corruptedReplayId(optionalInt(body, "count", 1));
			case "pubsub-break-streams" -> faults.breakStreams();
			case "pubsub-stall-streams" -> faults.stallStreams();
			case "pubsub-schema-change" -> faults.schemaChange(text(body, "topic"));
			case "pubsub-fail-subscribes" -> faults.failSubscribes(statusCode(text(body, "code")),
					text(body, "errorCode"), optionalInt(body, "count", 1));
			case "pubsub-refuse-old-schemas" -> faults.refuseOldSchemas(optionalInt(body, "count", 1));
			case "pubsub-publish-errors" -> faults.publishErrors(optionalInt(body, "count", 1));
			case "pubsub-clear" -> faults.clear();
			default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "' (expected "
					+ "pubsub-unavailable, pubsub-auth-error, pubsub-corrupted-replay-id, pubsub-break-streams, "
					+ "pubsub-stall-streams, pubsub-schema-change, pubsub-fail-subscribes, "
					+ "pubsub-refuse-old-schemas, pubsub-publish-errors or pubsub-clear)");
		}
	}

	private static Status.Code statusCode(String name) {
		try {
			return Status.Code.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'code' must be a gRPC status code such as RESOURCE_EXHAUSTED, not '"
					+ name + "'");
		}
	}

	/** {@code {"Amount__c":"NUMBER", ...}}: the declared fields of a platform event, in the object's order. */
	private static Map<String, EventFieldType> fields(JsonNode fields) {
		if (!fields.isObject()) {
			throw new IllegalArgumentException("'fields' must be an object of field names and types (TEXT, NUMBER, "
					+ "CHECKBOX or DATE_TIME)");
		}
		Map<String, EventFieldType> declared = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : fields.properties()) {
			String type = field.getValue().isString() ? field.getValue().stringValue() : "";
			try {
				declared.put(field.getKey(), EventFieldType.valueOf(type.toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("the type of field '" + field.getKey() + "' must be TEXT, NUMBER, "
						+ "CHECKBOX or DATE_TIME, not '" + type + "'");
			}
		}
		return declared;
	}

	private static JsonNode body(HttpServletRequest request) throws IOException {
		String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (text.isBlank()) {
			throw new IllegalArgumentException("the request body must be a JSON object");
		}
		JsonNode body = Json.read(text);
		if (!body.isObject()) {
			throw new IllegalArgumentException("the request body must be a JSON object");
		}
		return body;
	}

	private static String text(JsonNode body, String name) {
		JsonNode node = body.get(name);
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			throw new IllegalArgumentException("'" + name + "' is required and must be a string");
		}
		return node.stringValue();
	}

	private static double number(JsonNode body, String name) {
		JsonNode node = body.get(name);
		if (node == null || !node.isNumber()) {
			throw new IllegalArgumentException("'" + name + "' is required and must be a number");
		}
		return node.asDouble();
	}

	private static int optionalInt(JsonNode body, String name, int defaultValue) {
		JsonNode node = body.get(name);
		if (node == null) {
			return defaultValue;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw new IllegalArgumentException("'" + name + "' must be a whole number");
		}
		return node.asInt();
	}

	private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
		send(response, HttpServletResponse.SC_NOT_FOUND, Map.of("error", "no such control endpoint: "
				+ request.getMethod() + " /emulator" + String.valueOf(request.getPathInfo())));
	}

	private static void send(HttpServletResponse response, int status, Object body) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json;charset=UTF-8");
		response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
	}

}
