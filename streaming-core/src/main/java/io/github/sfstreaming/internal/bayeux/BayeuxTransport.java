package io.github.sfstreaming.internal.bayeux;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.TransportFailures;

/**
 * Sends Bayeux messages as a JSON array in one HTTP POST and reads the JSON array of replies as it arrives, on a
 * WebClient with a cookie jar. The size limit applies to each message of a response, not to the response: a
 * message of a subscribed channel over it is replaced by an {@link OversizedMessage}. Every failure becomes a
 * classified {@link BayeuxException}.
 */
public final class BayeuxTransport {

	private static final Logger logger = LoggerFactory.getLogger(BayeuxTransport.class);

	private final WebClient webClient;

	private final CookieJar cookieJar = new CookieJar();

	private final JsonMapper jsonMapper;

	private final int maxMessageSize;

	/**
	 * Creates a transport.
	 * @param webClientBuilder the builder to copy; it is not changed
	 * @param jsonMapper the mapper for messages
	 * @param maxMessageSize the largest message accepted, in bytes
	 */
	public BayeuxTransport(WebClient.Builder webClientBuilder, JsonMapper jsonMapper, int maxMessageSize) {
		this.jsonMapper = jsonMapper;
		this.maxMessageSize = maxMessageSize;
		this.webClient = webClientBuilder.clone()
			// the Authorization header stays out of Spring's TRACE lines, whatever the application's builder says
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.filter(this.cookieJar)
			.build();
	}

	/** The session's cookie jar. */
	public CookieJar cookieJar() {
		return this.cookieJar;
	}

	/**
	 * Posts messages and returns the server's replies.
	 * @param endpoint the Bayeux endpoint
	 * @param token the access token for the {@code Authorization} header
	 * @param messages the messages
	 * @param timeout how long to wait for the whole response
	 * @return the replies; fails with {@link BayeuxException}
	 */
	public Mono<List<JsonNode>> send(URI endpoint, AccessToken token, List<? extends JsonNode> messages,
			Duration timeout) {
		return send(endpoint, token, messages, timeout, null);
	}

	/**
	 * Posts messages and returns the server's replies, handing the events among them to a sink as they are read.
	 * @param endpoint the Bayeux endpoint
	 * @param token the access token for the {@code Authorization} header
	 * @param messages the messages
	 * @param timeout how long to wait for the whole response
	 * @param eventSink given each event of the response (see {@link Bayeux#isEvent}) as soon as it is read, on
	 * the thread that reads the response, before the returned replies; {@code null} to return them with the others.
	 * A response that fails after some were handed over fails all the same
	 * @return the replies, without the events handed to the sink; fails with {@link BayeuxException}
	 */
	public Mono<List<JsonNode>> send(URI endpoint, AccessToken token, List<? extends JsonNode> messages,
			Duration timeout, @Nullable Consumer<JsonNode> eventSink) {
		return Mono.defer(() -> {
			ArrayNode body = this.jsonMapper.createArrayNode();
			messages.forEach((message) -> {
				MessageLog.debug(logger, "sent", message);
				body.add(message);
			});
			return this.webClient.post()
				.uri(endpoint)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				// bytes: their encoder logs the size, not the unredacted messages (MessageLog logs them redacted)
				.bodyValue(this.jsonMapper.writeValueAsBytes(body))
				.exchangeToMono((response) -> read(response, eventSink));
		}).timeout(timeout).onErrorMap((ex) -> !(ex instanceof BayeuxException), (ex) -> translate(ex, timeout));
	}

	private Mono<List<JsonNode>> read(ClientResponse response, @Nullable Consumer<JsonNode> eventSink) {
		int status = response.statusCode().value();
		if (status == 401) {
			return response.releaseBody()
				.then(Mono.error(new BayeuxException(BayeuxErrorKind.AUTHENTICATION, "HTTP 401 from the server")));
		}
		if (status >= 500) {
			return response.releaseBody()
				.then(Mono.error(new BayeuxException(BayeuxErrorKind.HTTP_5XX, "HTTP " + status + " from the server")));
		}
		Mono<List<JsonNode>> replies = response.bodyToFlux(DataBuffer.class)
			.collect(() -> new ReplyReader(this.jsonMapper, this.maxMessageSize, logged(eventSink)), ReplyReader::feed)
			.map(ReplyReader::finish)
			.doOnNext(this::logReceived);
		if (status >= 300) {
			// a 4xx may still carry Bayeux error replies, which say more than the status
			return replies.onErrorMap(BayeuxException.class,
					(ex) -> new BayeuxException(BayeuxErrorKind.OTHER, "HTTP " + status + " from the server"));
		}
		return replies;
	}

	/** The sink, logging each event as {@link #logReceived} logs the others; {@code null} for none. */
	private static @Nullable Consumer<JsonNode> logged(@Nullable Consumer<JsonNode> eventSink) {
		if (eventSink == null || !logger.isDebugEnabled()) {
			return eventSink;
		}
		return (message) -> {
			MessageLog.debug(logger, "received", message);
			eventSink.accept(message);
		};
	}

	private void logReceived(List<JsonNode> messages) {
		// asked once per response, not once per message of a backlog
		if (logger.isDebugEnabled()) {
			for (JsonNode message : messages) {
				MessageLog.debug(logger, "received", message);
			}
		}
	}

	private BayeuxException translate(Throwable ex, Duration timeout) {
		String problem = TransportFailures.configurationProblem(ex);
		if (problem != null) {
			return new BayeuxException(BayeuxErrorKind.CONFIGURATION, "Cannot reach the server: " + problem, null,
					null, ex);
		}
		if (ex instanceof TimeoutException) {
			return new BayeuxException(BayeuxErrorKind.NETWORK,
					"No answer from the server within " + timeout.toMillis() + " ms", null, null, ex);
		}
		if (ex instanceof WebClientException || ex instanceof IOException) {
			return new BayeuxException(BayeuxErrorKind.NETWORK, "Network error: " + ex.getMessage(), null, null, ex);
		}
		return new BayeuxException(BayeuxErrorKind.OTHER, "Request failed: " + ex, null, null, ex);
	}

}
