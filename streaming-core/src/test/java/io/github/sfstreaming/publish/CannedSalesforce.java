package io.github.sfstreaming.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.support.DefaultClientCodecConfigurer;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.TokenProvider;

/**
 * Canned Salesforce REST answers through a WebClient exchange function, recording each request with its body:
 * for the answers the emulator does not give on demand (timeouts, 5xx, malformed or hostile bodies).
 */
final class CannedSalesforce {

	static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

	private final Deque<Supplier<Mono<ClientResponse>>> answers = new ArrayDeque<>();

	final List<Request> requests = new CopyOnWriteArrayList<>();

	final Tokens tokens = new Tokens();

	CannedSalesforce answer(int status, String json) {
		this.answers.add(() -> Mono.just(ClientResponse.create(HttpStatus.valueOf(status))
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(json)
			.build()));
		return this;
	}

	/** An answer that never comes: the request times out. */
	CannedSalesforce silence() {
		this.answers.add(Mono::never);
		return this;
	}

	WebClient.Builder webClientBuilder() {
		return WebClient.builder().exchangeFunction((request) -> {
			this.requests.add(new Request(request.method(), request.url(),
					request.headers().getFirst(HttpHeaders.AUTHORIZATION), body(request)));
			Supplier<Mono<ClientResponse>> answer = this.answers.poll();
			if (answer == null) {
				return Mono.error(new AssertionError("no canned answer left for " + request.url()));
			}
			return answer.get();
		});
	}

	SalesforceStreamingTemplate.Builder template() {
		return SalesforceStreamingTemplate.builder()
			.tokenProvider(this.tokens)
			.webClientBuilder(webClientBuilder())
			.retryPolicy(SalesforceStreamingTemplate.retryPolicy(3, Duration.ofMillis(10), 2.0,
					Duration.ofMillis(50)));
	}

	/** Writes the request's body as the codecs would, to read it back. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static String body(ClientRequest request) {
		BodyWriter writer = new BodyWriter();
		// value inserters only write through ReactiveHttpOutputMessage
		BodyInserter<?, ReactiveHttpOutputMessage> inserter = (BodyInserter) request.body();
		inserter.insert(writer, new BodyInserter.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return new DefaultClientCodecConfigurer().getWriters();
			}

			@Override
			public java.util.Optional<org.springframework.http.server.reactive.ServerHttpRequest> serverRequest() {
				return java.util.Optional.empty();
			}

			@Override
			public java.util.Map<String, Object> hints() {
				return java.util.Map.of();
			}

		}).block(Duration.ofSeconds(5));
		return writer.text;
	}

	record Request(HttpMethod method, URI url, String authorization, String body) {
	}

	/** Issues tok-1, then tok-2 on each refresh, and counts the refreshes. */
	static final class Tokens implements TokenProvider {

		final AtomicInteger refreshes = new AtomicInteger();

		private volatile AccessToken current = new AccessToken("tok-1", INSTANCE);

		@Override
		public Mono<AccessToken> token() {
			return Mono.fromSupplier(() -> this.current);
		}

		@Override
		public Mono<AccessToken> refresh(AccessToken rejected) {
			return Mono.fromSupplier(() -> {
				this.current = new AccessToken("tok-" + (this.refreshes.incrementAndGet() + 1), INSTANCE);
				return this.current;
			});
		}

	}

	private static final class BodyWriter implements ReactiveHttpOutputMessage {

		private final HttpHeaders headers = new HttpHeaders();

		private String text = "";

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return DefaultDataBufferFactory.sharedInstance;
		}

		@Override
		public void beforeCommit(Supplier<? extends Mono<Void>> action) {
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return DataBufferUtils.join(body).doOnNext((buffer) -> {
				this.text = buffer.toString(StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
			}).then();
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return Mono.error(new UnsupportedOperationException());
		}

		@Override
		public Mono<Void> setComplete() {
			return Mono.empty();
		}

	}

}
