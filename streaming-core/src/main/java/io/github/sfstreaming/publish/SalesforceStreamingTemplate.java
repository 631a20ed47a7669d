package io.github.sfstreaming.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.client.StreamingException;

/**
 * The default {@link SalesforceStreamingOperations}: publishes platform events and pushes to generic streaming
 * channels through Salesforce's REST API, with the same {@link TokenProvider} as the streaming client (a
 * {@code 401 INVALID_SESSION_ID} logs in again and resends the request). Requests that fail with 502, 503, 504,
 * a timeout or a network error are retried with back-off; refusals (an invalid field, a missing permission, an
 * unknown event type) are not. Each call is one {@code salesforce.streaming.publish} observation. Thread-safe.
 * <pre class="code">
 * SalesforceStreamingTemplate template = SalesforceStreamingTemplate.builder()
 *     .tokenProvider(tokenProvider)
 *     .build();
 * PublishResult result = template.publish("/event/Order__e", Map.of("OrderNumber__c", "42"));
 * </pre>
 * A request retried after a timeout may have reached Salesforce the first time: an event can then be published
 * twice, so subscribers should tolerate duplicates (for example by an id field of the event).
 */
public class SalesforceStreamingTemplate implements SalesforceStreamingOperations {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceStreamingTemplate.class);

	private final EventPublisher eventPublisher;

	private final StreamingChannelPusher pusher;

	private final JsonMapper jsonMapper;

	private final boolean allOrNone;

	private final int batchSize;

	private final RetryTemplate retryTemplate;

	private final ObservationRegistry observationRegistry;

	private final @Nullable PublishObservationConvention observationConvention;

	private final Executor executor;

	private SalesforceStreamingTemplate(Builder builder, SalesforceRestApi restApi) {
		this.eventPublisher = (builder.eventPublisher != null) ? builder.eventPublisher
				: new RestEventPublisher(restApi);
		this.pusher = new StreamingChannelPusher(restApi);
		this.jsonMapper = builder.jsonMapper;
		this.allOrNone = builder.allOrNone;
		this.batchSize = Math.min(builder.batchSize, this.eventPublisher.maxBatchSize());
		this.retryTemplate = new RetryTemplate(builder.retryPolicy);
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.executor = builder.executor;
	}

	/**
	 * A builder; only the token provider is required.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The retry policy the template uses unless given another: retries only
	 * {@linkplain StreamingException#isRetryable() retryable} failures, with exponential back-off.
	 * @param maxAttempts the most attempts of one request, the first included (1: no retry)
	 * @param initialInterval the delay before the first retry
	 * @param multiplier the factor applied to the delay after each retry, at least 1
	 * @param maxInterval the longest delay
	 * @return the policy
	 */
	public static RetryPolicy retryPolicy(int maxAttempts, Duration initialInterval, double multiplier,
			Duration maxInterval) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
		}
		return RetryPolicy.builder()
			.maxRetries(maxAttempts - 1)
			.delay(initialInterval)
			.multiplier(multiplier)
			.maxDelay(maxInterval)
			.predicate((ex) -> ex instanceof StreamingException streaming && streaming.isRetryable())
			.build();
	}

	@Override
	public PublishResult publish(String channel, Object event) {
		String eventType = PublishChannels.eventType(channel);
		ObjectNode fields = fields(event, "event");
		PublishObservationContext context = new PublishObservationContext(PublishChannels.eventChannel(eventType),
				"publish", 1);
		return observe(context, () -> {
			PublishResult result = retry(() -> this.eventPublisher.publish(eventType, fields), "publish " + eventType);
			context.setOutcome(result.accepted() ? "success" : "rejected");
			return result;
		});
	}

	@Override
	public List<PublishResult> publishAll(String channel, Collection<?> events) {
		String eventType = PublishChannels.eventType(channel);
		Objects.requireNonNull(events, "events");
		List<ObjectNode> all = new ArrayList<>(events.size());
		for (Object event : events) {
			all.add(fields(event, "each event"));
		}
		if (all.isEmpty()) {
			return List.of();
		}
		PublishObservationContext context = new PublishObservationContext(PublishChannels.eventChannel(eventType),
				"publish-batch", all.size());
		return observe(context, () -> {
			List<PublishResult> results = new ArrayList<>(all.size());
			for (int from = 0; from < all.size(); from += this.batchSize) {
				List<ObjectNode> chunk = all.subList(from, Math.min(from + this.batchSize, all.size()));
				try {
					results.addAll(retry(() -> this.eventPublisher.publishBatch(eventType, chunk, this.allOrNone),
							"publish " + chunk.size() + " " + eventType));
				}
				catch (SalesforcePublishException ex) {
					if (results.isEmpty()) {
						throw ex;
					}
					throw SalesforcePublishException.afterPartOfBatch(ex, results, all.size());
				}
			}
			long accepted = results.stream().filter(PublishResult::accepted).count();
			context.setOutcome((accepted == results.size()) ? "success" : (accepted == 0) ? "rejected" : "partial");
			if (accepted < results.size()) {
				logger.debug("Salesforce refused {} of {} {} events", results.size() - accepted, results.size(),
						eventType);
			}
			return List.copyOf(results);
		});
	}

	@Override
	public PushResult push(String channel, String payload) {
		return push(channel, payload, List.of());
	}

	@Override
	public PushResult push(String channel, String payload, Collection<String> userIds) {
		String name = PublishChannels.genericChannel(channel);
		Objects.requireNonNull(payload, "payload");
		if (payload.length() > StreamingChannelPusher.MAX_PAYLOAD_LENGTH) {
			throw new IllegalArgumentException("payload has " + payload.length() + " characters; Salesforce takes at "
					+ "most " + StreamingChannelPusher.MAX_PAYLOAD_LENGTH + " in a generic streaming push");
		}
		List<String> users = List.copyOf(userIds);
		for (String user : users) {
			if (!user.matches("[A-Za-z0-9]{15,18}")) {
				throw new IllegalArgumentException("userIds must hold Salesforce user ids (15 or 18 letters and "
						+ "digits), not '" + user + "'");
			}
		}
		PublishObservationContext context = new PublishObservationContext(name, "push", 1);
		return observe(context, () -> {
			PushResult result = retry(() -> this.pusher.push(name, payload, users), "push to " + name);
			context.setOutcome("success");
			return result;
		});
	}

	@Override
	public CompletableFuture<PublishResult> publishAsync(String channel, Object event) {
		return CompletableFuture.supplyAsync(() -> publish(channel, event), this.executor);
	}

	@Override
	public CompletableFuture<List<PublishResult>> publishAllAsync(String channel, Collection<?> events) {
		List<?> copy = new ArrayList<>(events);
		return CompletableFuture.supplyAsync(() -> publishAll(channel, copy), this.executor);
	}

	@Override
	public CompletableFuture<PushResult> pushAsync(String channel, String payload, Collection<String> userIds) {
		List<String> users = List.copyOf(userIds);
		return CompletableFuture.supplyAsync(() -> push(channel, payload, users), this.executor);
	}

	private ObjectNode fields(@Nullable Object event, String what) {
		if (event == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		JsonNode tree;
		try {
			tree = (event instanceof JsonNode node) ? node : this.jsonMapper.valueToTree(event);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " (" + event.getClass().getName()
					+ ") cannot be serialised to JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new IllegalArgumentException(what + " must serialise to a JSON object of the event's fields, not "
					+ ((tree != null) ? tree.getNodeType() : "null") + " (" + event.getClass().getName() + ")");
		}
		return object;
	}

	private <T> T retry(Supplier<T> request, String name) {
		try {
			return this.retryTemplate.execute(new Retryable<T>() {

				@Override
				public T execute() {
					return request.get();
				}

				@Override
				public String getName() {
					return name;
				}

			});
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new SalesforcePublishException("Could not " + name + ": " + ex.getMessage(), 0, List.of(), false,
					ex);
		}
	}

	private <T> T observe(PublishObservationContext context, Supplier<T> call) {
		Observation observation = PublishObservation.PUBLISH_OBSERVATION.observation(this.observationConvention,
				DefaultPublishObservationConvention.INSTANCE, () -> context, this.observationRegistry);
		return observation.observe(call);
	}

	/**
	 * Builds a {@link SalesforceStreamingTemplate}.
	 */
	public static final class Builder {

		private @Nullable TokenProvider tokenProvider;

		private WebClient.Builder webClientBuilder = WebClient.builder();

		private String apiVersion = "64.0";

		private JsonMapper jsonMapper = JsonMapper.shared();

		private boolean allOrNone;

		private int batchSize = RestEventPublisher.MAX_BATCH_SIZE;

		private Duration timeout = Duration.ofSeconds(30);

		private int maxResponseSize = 1024 * 1024;

		private RetryPolicy retryPolicy = SalesforceStreamingTemplate.retryPolicy(3, Duration.ofSeconds(1), 2.0,
				Duration.ofSeconds(30));

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable PublishObservationConvention observationConvention;

		private Executor executor = defaultExecutor();

		private @Nullable EventPublisher eventPublisher;

		private Builder() {
		}

		private static Executor defaultExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sf-streaming-publish-");
			executor.setDaemon(true);
			return executor;
		}

		/**
		 * The token provider, shared with the streaming client so that both use one session. Required.
		 * @param tokenProvider the token provider
		 * @return this builder
		 */
		public Builder tokenProvider(TokenProvider tokenProvider) {
			this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
			return this;
		}

		/**
		 * The WebClient builder to copy (proxy, TLS, filters); it is not changed. {@code WebClient.builder()} by
		 * default.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
			return this;
		}

		/**
		 * The REST API version, {@code 64.0} by default.
		 * @param apiVersion the version, for example {@code 64.0}
		 * @return this builder
		 */
		public Builder apiVersion(String apiVersion) {
			if (apiVersion == null || !apiVersion.matches("\\d{2,3}\\.\\d")) {
				throw new IllegalArgumentException("apiVersion must look like 64.0, not '" + apiVersion + "'");
			}
			this.apiVersion = apiVersion;
			return this;
		}

		/**
		 * The mapper that turns events into JSON; {@link JsonMapper#shared()} by default.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
			return this;
		}

		/**
		 * Whether Salesforce must refuse every event of a batch request when it refuses one ({@code false} by
		 * default). Applies to each request of a batch split into several.
		 * @param allOrNone whether batches are all-or-none
		 * @return this builder
		 */
		public Builder allOrNone(boolean allOrNone) {
			this.allOrNone = allOrNone;
			return this;
		}

		/**
		 * The most events per batch request: 200 (Salesforce's limit) by default.
		 * @param batchSize 1 to 200
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			if (batchSize < 1 || batchSize > RestEventPublisher.MAX_BATCH_SIZE) {
				throw new IllegalArgumentException("batchSize must be between 1 and "
						+ RestEventPublisher.MAX_BATCH_SIZE + ", not " + batchSize);
			}
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * How long to wait for Salesforce's answer to one request, 30 seconds by default.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout == null || timeout.isZero() || timeout.isNegative()) {
				throw new IllegalArgumentException("timeout must be positive, not " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * The largest answer accepted, 1 MB by default.
		 * @param maxResponseSize the limit in bytes
		 * @return this builder
		 */
		public Builder maxResponseSize(int maxResponseSize) {
			if (maxResponseSize < 1024) {
				throw new IllegalArgumentException("maxResponseSize must be at least 1024 bytes, not "
						+ maxResponseSize);
			}
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * When to retry a failed request: {@link SalesforceStreamingTemplate#retryPolicy retryPolicy(3, 1 s, 2.0,
		 * 30 s)} by default. A policy given here decides alone; retrying a refusal cannot succeed.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
			return this;
		}

		/**
		 * The registry of the {@link PublishObservation}; none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * A convention that replaces {@link DefaultPublishObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable PublishObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * The executor of the {@code ...Async} methods; by default a new daemon thread per call.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/**
		 * The transport of platform events, instead of the REST API (generic streaming pushes always use the REST
		 * API).
		 * @param eventPublisher the transport
		 * @return this builder
		 */
		public Builder eventPublisher(EventPublisher eventPublisher) {
			this.eventPublisher = Objects.requireNonNull(eventPublisher, "eventPublisher");
			return this;
		}

		/**
		 * Builds the template.
		 * @return the template
		 * @throws IllegalStateException if no token provider was given
		 */
		public SalesforceStreamingTemplate build() {
			if (this.tokenProvider == null) {
				throw new IllegalStateException("A tokenProvider is required: the template logs in with it");
			}
			return new SalesforceStreamingTemplate(this, new SalesforceRestApi(this.webClientBuilder,
					this.tokenProvider, this.apiVersion, this.jsonMapper, this.timeout, this.maxResponseSize));
		}

	}

}
