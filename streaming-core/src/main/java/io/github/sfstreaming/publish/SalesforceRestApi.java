package io.github.sfstreaming.publish;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.TransportFailures;

/**
 * Calls Salesforce's REST API ({@code /services/data/v<apiVersion>/...}) with the token provider's token: logs in
 * again once when Salesforce answers {@code 401 INVALID_SESSION_ID}, and turns every other failure into a
 * {@link SalesforcePublishException} that says whether retrying may help. Blocks the calling thread.
 */
final class SalesforceRestApi {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceRestApi.class);

	/** What a busy or restarting Salesforce answers; anything else is not retried. */
	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

	/** Salesforce's error codes for a temporary failure, whatever the status. */
	private static final Set<String> RETRYABLE_CODES = Set.of("SERVER_UNAVAILABLE",
			"PLATFORM_EVENT_PUBLISHING_UNAVAILABLE", "UNABLE_TO_LOCK_ROW");

	private static final byte[] NO_BODY = new byte[0];

	private final WebClient webClient;

	private final TokenProvider tokenProvider;

	private final String apiVersion;

	private final JsonMapper jsonMapper;

	private final Duration timeout;

	SalesforceRestApi(WebClient.Builder webClientBuilder, TokenProvider tokenProvider, String apiVersion,
			JsonMapper jsonMapper, Duration timeout, int maxResponseSize) {
		this.webClient = webClientBuilder.clone()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxResponseSize))
			.build();
		this.tokenProvider = tokenProvider;
		this.apiVersion = apiVersion;
		this.jsonMapper = jsonMapper;
		this.timeout = timeout;
	}

	JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * POSTs JSON and returns the JSON answer of a 2xx response.
	 * @param path the path after {@code /services/data/vXX.X}, for example {@code /sobjects/Order__e/}
	 * @param body the request body
	 */
	JsonNode post(String path, JsonNode body) {
		byte[] bytes = this.jsonMapper.writeValueAsBytes(body);
		return exchange(HttpMethod.POST, path, Map.of(), bytes);
	}

	/**
	 * GETs a resource and returns the JSON answer of a 2xx response.
	 * @param path the path after {@code /services/data/vXX.X}
	 * @param query query parameters, encoded here
	 */
	JsonNode get(String path, Map<String, String> query) {
		return exchange(HttpMethod.GET, path, query, null);
	}

	private JsonNode exchange(HttpMethod method, String path, Map<String, String> query, byte @Nullable [] body) {
		AccessToken token = await(this.tokenProvider.token(), "logging in");
		Answer answer = send(method, uri(token, path, query), token, body);
		if (answer.status() == 401) {
			// the session expired or was revoked: Salesforce did not act on the request, so it is safe to resend
			logger.debug("Salesforce answered 401 to {} {}; logging in again", method, path);
			token = await(this.tokenProvider.refresh(token), "logging in again");
			answer = send(method, uri(token, path, query), token, body);
		}
		if (answer.status() >= 200 && answer.status() < 300) {
			return parse(answer, method, path);
		}
		throw refused(answer, method, path);
	}

	private URI uri(AccessToken token, String path, Map<String, String> query) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(token.instanceUrl())
			.path("/services/data/v" + this.apiVersion + path);
		query.keySet().forEach((name) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(query).toUri();
	}

	private Answer send(HttpMethod method, URI uri, AccessToken token, byte @Nullable [] body) {
		WebClient.RequestBodySpec request = this.webClient.method(method)
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
			.accept(MediaType.APPLICATION_JSON);
		WebClient.RequestHeadersSpec<?> ready = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		Mono<Answer> answer = ready.exchangeToMono((response) -> response.bodyToMono(byte[].class)
			.defaultIfEmpty(NO_BODY)
			.map((bytes) -> new Answer(response.statusCode().value(), bytes)));
		return await(answer.timeout(this.timeout), method + " " + uri.getPath());
	}

	private <T> T await(Mono<T> mono, String action) {
		try {
			T value = mono.block();
			if (value == null) {
				throw new SalesforcePublishException("No answer while " + action, 0, List.of(), true, null);
			}
			return value;
		}
		catch (RuntimeException ex) {
			throw translate(Exceptions.unwrap(ex), action);
		}
	}

	private RuntimeException translate(Throwable ex, String action) {
		if (ex instanceof SalesforcePublishException || ex instanceof LoginException) {
			return (RuntimeException) ex;
		}
		if (ex instanceof DataBufferLimitException || ex.getCause() instanceof DataBufferLimitException) {
			return new SalesforcePublishException("Salesforce's answer to " + action + " is larger than the limit "
					+ "of the publishing template's maxResponseSize", 0, List.of(), false, ex);
		}
		String problem = TransportFailures.configurationProblem(ex);
		if (problem != null) {
			return new SalesforcePublishException("Cannot reach Salesforce: " + problem, 0, List.of(), false, ex);
		}
		if (ex instanceof TimeoutException) {
			return new SalesforcePublishException("No answer from Salesforce within " + this.timeout.toMillis()
					+ " ms to " + action, 0, List.of(), true, ex);
		}
		if (ex instanceof WebClientException || ex instanceof IOException) {
			return new SalesforcePublishException("Network error on " + action + ": " + ex.getMessage(), 0,
					List.of(), true, ex);
		}
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		return new SalesforcePublishException("Failed " + action + ": " + ex, 0, List.of(), false, ex);
	}

	private JsonNode parse(Answer answer, HttpMethod method, String path) {
		try {
			JsonNode tree = this.jsonMapper.readTree(answer.body());
			if (tree != null && (tree.isObject() || tree.isArray())) {
				return tree;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw new SalesforcePublishException("Salesforce's answer to " + method + " " + path + " (HTTP "
				+ answer.status() + ") is not a JSON object or array", answer.status(), List.of(), false, null);
	}

	private SalesforcePublishException refused(Answer answer, HttpMethod method, String path) {
		List<PublishError> errors = errors(answer.body());
		boolean retryable = RETRYABLE_STATUSES.contains(answer.status())
				|| errors.stream().anyMatch((error) -> RETRYABLE_CODES.contains(error.statusCode()));
		String problem = errors.isEmpty() ? "no Salesforce error in the answer"
				: SalesforcePublishException.describe(errors);
		return new SalesforcePublishException("Salesforce answered HTTP " + answer.status() + " to " + method + " "
				+ path + ": " + problem, answer.status(), errors, retryable, null);
	}

	/** Salesforce's error array, {@code [{"message":..., "errorCode":..., "fields":[...]}]}; empty if unreadable. */
	private List<PublishError> errors(byte[] body) {
		List<PublishError> errors = new ArrayList<>();
		try {
			JsonNode tree = this.jsonMapper.readTree(body);
			if (tree != null && tree.isArray()) {
				for (JsonNode error : tree.values()) {
					PublishError parsed = SaveResults.error(error, "errorCode");
					if (parsed != null) {
						errors.add(parsed);
					}
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON: an HTML page from a proxy or load balancer; the status says enough
		}
		return errors;
	}

	private record Answer(int status, byte[] body) {
	}

}
