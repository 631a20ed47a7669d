package io.github.sfstreaming.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.logging.ServerText;
import io.github.sfstreaming.publish.EventPublisher;
import io.github.sfstreaming.publish.PublishError;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforcePublishException;
import io.github.sfstreaming.pubsub.proto.ProducerEvent;
import io.github.sfstreaming.pubsub.proto.PubSubGrpc;
import io.github.sfstreaming.pubsub.proto.PublishRequest;
import io.github.sfstreaming.pubsub.proto.PublishResponse;
import io.github.sfstreaming.pubsub.proto.SchemaRequest;
import io.github.sfstreaming.pubsub.proto.TopicInfo;
import io.github.sfstreaming.pubsub.proto.TopicRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes platform events over the Pub/Sub API's {@code Publish} call: the transport of
 * {@link io.github.sfstreaming.publish.SalesforceStreamingTemplate} instead of the REST API, with the same
 * results, errors and retry rules.
 * <ul>
 * <li>Each event is written in Avro with its topic's schema: the schema id from {@code GetTopic} (once per topic),
 * the schema from {@code GetSchema} (once per id). Fields the schema does not have, or values that do not fit,
 * refuse the request before anything is sent, with the REST API's error codes.</li>
 * <li>One result per event, in order: accepted with its {@code eventUuid} (the event id, which subscribers get as
 * the event's id), or refused with Salesforce's error, while the others are published.</li>
 * <li>Calls carry the same {@link TokenProvider}'s token as the subscriber's; a refused token logs in again once
 * and the call is sent again. Other failures are {@link SalesforcePublishException}s, retryable only for
 * {@code UNAVAILABLE} and timeouts; retrying is the template's.</li>
 * <li>A schema change: each answer names the topic's current schema; later events are written with it, and events
 * refused while written with an older one are written with the new one and sent once more.</li>
 * <li>A batch larger than {@link PubSubPublisherSettings#maxRequestBytes()} goes in several requests; once one was
 * published, a failure of a later one becomes the refused results of its events rather than an exception, so
 * that a retry of the whole batch cannot publish the first part twice.</li>
 * </ul>
 * PushTopics ({@code /topic/}) and generic streaming ({@code /u/}) are not carried by the Pub/Sub API, and it has
 * no all-or-none mode. Thread-safe.
 */
public final class PubSubEventPublisher implements EventPublisher {

	private static final Logger logger = LoggerFactory.getLogger(PubSubEventPublisher.class);

	/** Salesforce's recommended most events per {@code Publish} request. */
	static final int MAX_BATCH_SIZE = 200;

	/** An API name: a letter, then letters, digits and single underscores, ending in {@code __e}. */
	private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__e");

	private final Channel channel;

	private final PubSubCredentials credentials;

	private final PubSubPublisherSettings settings;

	private final SchemaCache schemas;

	/** The schema each topic's events are written with: GetTopic's, then the newest an answer named. */
	private final Map<String, String> topicSchemaIds = new ConcurrentHashMap<>();

	/**
	 * A publisher that sends the org id each token's login told ({@link AccessToken#orgId()}; the OAuth token
	 * providers read it from the token response's {@code id} URL). Without one a publish fails with a
	 * {@link SalesforcePublishException} that says what to give.
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider the subscriber and the REST API use too
	 * @param settings timeouts, request size and the default {@code CreatedById}
	 */
	public PubSubEventPublisher(Channel channel, TokenProvider tokens, PubSubPublisherSettings settings) {
		this(channel, new PubSubCredentials(tokens), settings);
	}

	/**
	 * A publisher that sends the org id given, for tokens that do not tell it.
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider the subscriber and the REST API use too
	 * @param orgId the org's 15 or 18 character id ({@code 00D...}), sent as {@code tenantid}
	 * @param settings timeouts, request size and the default {@code CreatedById}
	 */
	public PubSubEventPublisher(Channel channel, TokenProvider tokens, String orgId,
			PubSubPublisherSettings settings) {
		this(channel, new PubSubCredentials(tokens, Objects.requireNonNull(orgId, "orgId")), settings);
	}

	private PubSubEventPublisher(Channel channel, PubSubCredentials credentials, PubSubPublisherSettings settings) {
		this.channel = Objects.requireNonNull(channel, "channel");
		this.credentials = credentials;
		this.settings = Objects.requireNonNull(settings, "settings");
		this.schemas = new SchemaCache(this::fetchSchema);
	}

	@Override
	public PublishResult publish(String eventType, ObjectNode event) {
		topic(eventType);
		PublishResult result = send(eventType, List.of(Objects.requireNonNull(event, "event"))).get(0);
		if (!result.accepted()) {
			throw new SalesforcePublishException("Salesforce did not accept the " + eventType + " event: "
					+ describe(result.errors()), 0, result.errors(), false, null);
		}
		return result;
	}

	@Override
	public List<PublishResult> publishBatch(String eventType, List<ObjectNode> events, boolean allOrNone) {
		if (allOrNone) {
			throw new IllegalStateException("The Pub/Sub API publishes each event of a request on its own and has "
					+ "no all-or-none mode: set the template's allOrNone to false "
					+ "(salesforce.streaming.publish.all-or-none) to publish over Pub/Sub");
		}
		topic(eventType);
		if (events.size() > MAX_BATCH_SIZE) {
			throw new IllegalArgumentException("At most " + MAX_BATCH_SIZE + " events per batch, not "
					+ events.size());
		}
		return events.isEmpty() ? List.of() : send(eventType, events);
	}

	@Override
	public int maxBatchSize() {
		return MAX_BATCH_SIZE;
	}

	private List<PublishResult> send(String eventType, List<ObjectNode> events) {
		String topic = topic(eventType);
		String schemaId = schemaId(topic);
		List<String> ids = new ArrayList<>(events.size());
		events.forEach((event) -> ids.add(UUID.randomUUID().toString()));
		List<ProducerEvent> encoded = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			try {
				encoded.add(encode(eventType, events.get(i), ids.get(i), schemaId));
			}
			catch (AvroEventEncoder.InvalidEventException ex) {
				throw new SalesforcePublishException("Cannot publish the " + eventType + " event"
						+ ((events.size() > 1) ? " at index " + i + " of " + events.size() : "") + ": " + ex.error()
						+ "; nothing was sent", 0, List.of(ex.error()), false, null);
			}
		}
		Sent sent = sendRequests(topic, encoded, true);
		List<PublishResult> results = new ArrayList<>(sent.results());
		String current = sent.schemaId();
		if (current != null && !current.equals(schemaId)) {
			// The topic's schema changed since GetTopic: later events are written with the new one.
			this.topicSchemaIds.replace(topic, schemaId, current);
			resendWithSchema(eventType, topic, current, events, ids, results);
		}
		return List.copyOf(results);
	}

	/** Writes the events that were refused with the new schema and sends them once more. */
	private void resendWithSchema(String eventType, String topic, String schemaId, List<ObjectNode> events,
			List<String> ids, List<PublishResult> results) {
		List<Integer> again = new ArrayList<>();
		List<ProducerEvent> encoded = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			if (!results.get(i).accepted()) {
				try {
					encoded.add(encode(eventType, events.get(i), ids.get(i), schemaId));
					again.add(i);
				}
				catch (AvroEventEncoder.InvalidEventException ex) {
					results.set(i, refused(ex.error()));
				}
				catch (SalesforcePublishException ex) {
					results.set(i, refused(firstError(ex)));
				}
			}
		}
		if (again.isEmpty()) {
			return;
		}
		logger.info("The schema of {} changed to {}; sending the {} refused events again with it", topic,
				ServerText.escape(schemaId), again.size());
		List<PublishResult> resent = sendRequests(topic, encoded, false).results();
		for (int j = 0; j < again.size(); j++) {
			results.set(again.get(j), resent.get(j));
		}
	}

	private ProducerEvent encode(String eventType, ObjectNode event, String id, String schemaId) {
		Schema schema = schema(schemaId);
		byte[] payload = AvroEventEncoder.encode(schema, event, eventType, this.settings.createdById());
		if (payload.length > PubSubPublisherSettings.MAX_EVENT_BYTES) {
			throw new AvroEventEncoder.InvalidEventException(new PublishError("EVENT_TOO_LARGE", "The event is "
					+ payload.length + " bytes in Avro; Salesforce takes at most "
					+ PubSubPublisherSettings.MAX_EVENT_BYTES + " bytes per event", List.of()));
		}
		return ProducerEvent.newBuilder()
			.setId(id)
			.setSchemaId(schemaId)
			.setPayload(ByteString.copyFrom(payload))
			.build();
	}

	/**
	 * Sends the events in requests of at most the configured size. A failure of the first request of a first
	 * attempt is thrown (nothing was published: the template may retry); any later one becomes the refused
	 * results of its events and of those after them.
	 */
	private Sent sendRequests(String topic, List<ProducerEvent> events, boolean firstAttempt) {
		List<PublishResult> results = new ArrayList<>(events.size());
		String schemaId = null;
		List<List<ProducerEvent>> requests = requests(events);
		for (int r = 0; r < requests.size(); r++) {
			List<ProducerEvent> request = requests.get(r);
			String action = "publish " + request.size() + " events to " + topic;
			try {
				PublishResponse response = call(action, (stub) -> stub.publish(PublishRequest.newBuilder()
					.setTopicName(topic)
					.addAllEvents(request)
					.build()));
				results.addAll(results(response, request, action));
				schemaId = response.getSchemaId().isEmpty() ? schemaId : response.getSchemaId();
			}
			catch (SalesforcePublishException ex) {
				if (firstAttempt && r == 0) {
					throw ex;
				}
				logger.warn("Could not {} after part of the batch was published: {}", action, ex.getMessage());
				PublishError error = firstError(ex);
				for (int i = results.size(); i < events.size(); i++) {
					results.add(refused(error));
				}
				break;
			}
		}
		return new Sent(results, schemaId);
	}

	private List<List<ProducerEvent>> requests(List<ProducerEvent> events) {
		List<List<ProducerEvent>> requests = new ArrayList<>();
		List<ProducerEvent> current = new ArrayList<>();
		long bytes = 0;
		for (ProducerEvent event : events) {
			// The event and its tag and length in the request.
			int size = event.getSerializedSize() + 8;
			if (!current.isEmpty() && bytes + size > this.settings.maxRequestBytes()) {
				requests.add(current);
				current = new ArrayList<>();
				bytes = 0;
			}
			current.add(event);
			bytes += size;
		}
		requests.add(current);
		return requests;
	}

	/** One result per event of the request, matched by correlation key (the event id), else by position. */
	private static List<PublishResult> results(PublishResponse response, List<ProducerEvent> request,
			String action) {
		if (response.getResultsCount() != request.size()) {
			throw new SalesforcePublishException("The Pub/Sub API answered " + response.getResultsCount()
					+ " results to " + action, 0, List.of(), false, null);
		}
		Map<String, io.github.sfstreaming.pubsub.proto.PublishResult> byKey = new HashMap<>();
		response.getResultsList().forEach((result) -> byKey.put(result.getCorrelationKey(), result));
		List<PublishResult> results = new ArrayList<>(request.size());
		for (int i = 0; i < request.size(); i++) {
			String id = request.get(i).getId();
			io.github.sfstreaming.pubsub.proto.PublishResult result = byKey.getOrDefault(id,
					response.getResults(i));
			results.add(result.hasError()
					? refused(new PublishError(result.getError().getCode().name(), result.getError().getMsg(),
							List.of()))
					: new PublishResult(true, null, id, List.of()));
		}
		return results;
	}

	private static PublishResult refused(PublishError error) {
		return new PublishResult(false, null, null, List.of(error));
	}

	private static PublishError firstError(SalesforcePublishException ex) {
		return ex.getErrors().isEmpty()
				? new PublishError(ex.isRetryable() ? "SERVER_UNAVAILABLE" : "UNKNOWN_EXCEPTION",
						String.valueOf(ex.getMessage()), List.of())
				: ex.getErrors().get(0);
	}

	/** The topic's schema id: GetTopic's, once, for a topic the user may publish to. */
	private String schemaId(String topic) {
		String cached = this.topicSchemaIds.get(topic);
		if (cached != null) {
			return cached;
		}
		TopicInfo info = call("get the topic " + topic,
				(stub) -> stub.getTopic(TopicRequest.newBuilder().setTopicName(topic).build()));
		if (!info.getCanPublish()) {
			// Not cached: a permission granted later is seen at the next publish.
			PublishError error = new PublishError("INSUFFICIENT_ACCESS_OR_READONLY", "GetTopic says the user may "
					+ "not publish to " + topic + " (can_publish is false)", List.of());
			throw new SalesforcePublishException("Cannot publish to " + topic + ": the Pub/Sub API says the user "
					+ "may not (can_publish is false). Give the integration user the Create permission on the "
					+ "platform event", 0, List.of(error), false, null);
		}
		if (info.getSchemaId().isEmpty()) {
			throw new SalesforcePublishException("The Pub/Sub API gave no schema id for " + topic, 0, List.of(),
					false, null);
		}
		String known = this.topicSchemaIds.putIfAbsent(topic, info.getSchemaId());
		return (known != null) ? known : info.getSchemaId();
	}

	private Schema schema(String schemaId) {
		try {
			return this.schemas.get(schemaId);
		}
		catch (SchemaParseException ex) {
			throw new SalesforcePublishException("The Pub/Sub API's schema " + ServerText.escape(schemaId)
					+ " is not a valid Avro schema: " + ServerText.escape(ex.getMessage()), 0, List.of(), false, ex);
		}
	}

	private String fetchSchema(String schemaId) {
		return call("get the schema " + schemaId,
				(stub) -> stub.getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build()))
			.getSchemaJson();
	}

	/** A call with the current token; a refused token logs in again and the call is sent once more. */
	private <T> T call(String action, Function<PubSubGrpc.PubSubBlockingStub, T> rpc) {
		AccessToken token = this.credentials.current();
		try {
			return rpc.apply(stub(token));
		}
		catch (StatusRuntimeException ex) {
			if (!PublishFailures.isAuthError(ex)) {
				throw PublishFailures.of(ex, action, this.settings.timeout());
			}
			logger.debug("The Pub/Sub API refused the token to {}; logging in again", action);
		}
		try {
			return rpc.apply(stub(this.credentials.refresh(token)));
		}
		catch (StatusRuntimeException ex) {
			throw PublishFailures.of(ex, action, this.settings.timeout());
		}
	}

	private PubSubGrpc.PubSubBlockingStub stub(AccessToken token) {
		Metadata metadata;
		try {
			metadata = this.credentials.metadata(token);
		}
		catch (PubSubCredentials.MissingOrgIdException ex) {
			throw new SalesforcePublishException("The Pub/Sub API needs the org id (its tenantid header), and the "
					+ "token's login did not tell it: give the orgId argument of PubSubEventPublisher, or use a token "
					+ "provider that tells it (an OAuth one, or StaticTokenProvider with an orgId)", 0, List.of(),
					false, null);
		}
		return PubSubGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
			.withDeadlineAfter(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The topic of an event type, {@code Order__e} or {@code /event/Order__e}.
	 * @throws IllegalArgumentException naming why any other channel cannot be published to over Pub/Sub
	 */
	static String topic(String eventType) {
		if (eventType == null || eventType.isBlank()) {
			throw new IllegalArgumentException("eventType must be a platform event such as Order__e");
		}
		if (eventType.startsWith("/topic/")) {
			throw new IllegalArgumentException("Cannot publish to PushTopic channel '" + eventType + "': PushTopic "
					+ "events come from changes to the records the PushTopic's query selects, and the Pub/Sub API "
					+ "does not carry PushTopics. Publish a platform event (/event/X__e) instead");
		}
		if (eventType.startsWith("/u/")) {
			throw new IllegalArgumentException("Cannot publish to generic streaming channel '" + eventType
					+ "' over the Pub/Sub API, which does not carry them: use the template's push(channel, payload), "
					+ "which sends it through the REST API");
		}
		if (eventType.startsWith("/data/")) {
			throw new IllegalArgumentException("Cannot publish to Change Data Capture channel '" + eventType
					+ "': change events come from record changes in Salesforce");
		}
		String name = eventType.startsWith("/event/") ? eventType.substring("/event/".length()) : eventType;
		if (!EVENT_TYPE.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + eventType + "' is not a platform event: expected <ApiName>__e "
					+ "or /event/<ApiName>__e, for example Order__e");
		}
		return "/event/" + name;
	}

	private static String describe(List<PublishError> errors) {
		if (errors.isEmpty()) {
			return "no error details";
		}
		List<String> texts = new ArrayList<>();
		errors.stream().limit(5).forEach((error) -> texts.add(error.toString()));
		return String.join("; ", texts) + ((errors.size() > 5) ? "; ... (" + errors.size() + " errors)" : "");
	}

	/** The results of a publish, in order, and the topic's current schema id as the last answer named it. */
	private record Sent(List<PublishResult> results, @Nullable String schemaId) {
	}

}
