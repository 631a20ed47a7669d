package io.github.sfstreaming.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.logging.ServerText;

/**
 * Base class of the token providers that post a form to Salesforce's OAuth token endpoint
 * ({@code <login-url>/services/oauth2/token}). Caches the token, logs in once for concurrent callers, and
 * turns refusals into a {@link LoginException} carrying Salesforce's {@code error} and
 * {@code error_description}. Neither the form nor the token is ever logged: the form is written and the answer
 * read as raw bytes, past Spring's codecs, which log bodies at DEBUG and TRACE (the form too when an application
 * enables {@code spring.codec.log-request-details}). The token carries the org id of the answer's {@code id} URL
 * ({@code .../id/<orgId>/<userId>}) when that names one.
 */
public abstract class AbstractOAuthTokenProvider implements TokenProvider {

	private static final Logger logger = LoggerFactory.getLogger(AbstractOAuthTokenProvider.class);

	private static final JsonMapper jsonMapper = JsonMapper.shared();

	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);

	/** What an access token may hold: it goes into an HTTP header, so printable ASCII and no space. */
	private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

	/** The largest answer read; a token response is well under 1 KB. */
	private static final int MAX_ANSWER_BYTES = 256 * 1024;

	private final URI loginUrl;

	private final WebClient webClient;

	private final AtomicReference<@Nullable AccessToken> current = new AtomicReference<>();

	private final Object loginLock = new Object();

	private @Nullable Mono<AccessToken> loginInFlight;

	/**
	 * Creates a provider.
	 * @param loginUrl the login URL (https, or http to a loopback address)
	 * @param webClientBuilder the builder of the HTTP client, or {@code null} for a default one
	 */
	protected AbstractOAuthTokenProvider(URI loginUrl, WebClient.@Nullable Builder webClientBuilder) {
		this.loginUrl = SecureUrls.requireSecure(loginUrl, "loginUrl");
		this.webClient = ((webClientBuilder != null) ? webClientBuilder.clone() : WebClient.builder())
			// no request headers in Spring's TRACE lines, whatever the application's builder asked for
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.build();
	}

	/** The login URL that tokens are requested from. */
	public URI getLoginUrl() {
		return this.loginUrl;
	}

	@Override
	public Mono<AccessToken> token() {
		return Mono.defer(() -> {
			AccessToken token = this.current.get();
			return (token != null) ? Mono.just(token) : login();
		});
	}

	@Override
	public Mono<AccessToken> refresh(AccessToken rejected) {
		return Mono.defer(() -> {
			AccessToken token = this.current.get();
			if (token != null && !token.equals(rejected)) {
				// Another caller has already replaced the rejected token.
				return Mono.just(token);
			}
			this.current.compareAndSet(rejected, null);
			return login();
		});
	}

	/**
	 * The grant's form parameters ({@code grant_type} and its credentials).
	 * @return the form
	 */
	protected abstract MultiValueMap<String, String> form();

	/** A short name of the grant for messages, for example {@code password}. */
	protected abstract String grantName();

	private Mono<AccessToken> login() {
		synchronized (this.loginLock) {
			if (this.loginInFlight == null) {
				// cleared before callers see the outcome, so that a refresh right after gets a new login
				Runnable done = () -> {
					synchronized (this.loginLock) {
						this.loginInFlight = null;
					}
				};
				this.loginInFlight = requestToken().doOnNext(this.current::set)
					.doOnTerminate(done)
					.doOnCancel(done)
					.cache();
			}
			return this.loginInFlight;
		}
	}

	private Mono<AccessToken> requestToken() {
		URI tokenUrl = URI.create(this.loginUrl + "/services/oauth2/token");
		return Mono.defer(() -> this.webClient.post()
			.uri(tokenUrl)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(rawBody(encode(form())))
			.exchangeToMono((response) -> response.body(rawText())
				.defaultIfEmpty("")
				.map((body) -> toToken(response, body))))
			.timeout(LOGIN_TIMEOUT)
			.onErrorMap((ex) -> !(ex instanceof LoginException), this::unreachable)
			.doOnNext((token) -> logger.info("Logged in to {} with the {} grant; instance {}, org {}", this.loginUrl,
					grantName(), token.instanceUrl(), (token.orgId() != null) ? token.orgId() : "not told"))
			.doOnError((ex) -> logger.debug("Login to {} with the {} grant failed: {}", this.loginUrl, grantName(),
					ex.getMessage()));
	}

	/** The form, URL-encoded: written by us, since Spring's form writer logs the fields. */
	private static byte[] encode(MultiValueMap<String, String> form) {
		StringBuilder encoded = new StringBuilder();
		form.forEach((name, values) -> values.forEach((value) -> {
			encoded.append(encoded.isEmpty() ? "" : "&")
				.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}));
		return encoded.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** Writes the bytes as they are: no encoder, so nothing logs them. */
	private static BodyInserter<byte[], ClientHttpRequest> rawBody(byte[] body) {
		return (request, context) -> {
			request.getHeaders().setContentLength(body.length);
			return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(body)));
		};
	}

	/** Reads the answer as UTF-8 text: no decoder, so nothing logs it. */
	private static BodyExtractor<Mono<String>, ReactiveHttpInputMessage> rawText() {
		return (response, context) -> DataBufferUtils.join(response.getBody(), MAX_ANSWER_BYTES)
			.map(AbstractOAuthTokenProvider::toText);
	}

	private static String toText(DataBuffer buffer) {
		try {
			return buffer.toString(StandardCharsets.UTF_8);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private LoginException unreachable(Throwable ex) {
		String problem = TransportFailures.configurationProblem(ex);
		if (problem != null) {
			return new LoginException("Login to " + this.loginUrl + " failed: " + problem, false, ex);
		}
		// a reset connection or TLS handshake, a proxy's refusal of the tunnel (its 429 or 503 included): may pass
		String reason = (ex instanceof TimeoutException) ? "no answer within " + LOGIN_TIMEOUT.toSeconds() + " s"
				: ex.getClass().getSimpleName() + ": " + ServerText.escape(ex.getMessage());
		return new LoginException("Login to " + this.loginUrl + " failed: " + reason, null, null, 0, ex);
	}

	private AccessToken toToken(ClientResponse response, String body) {
		int status = response.statusCode().value();
		JsonNode json = parse(body);
		if (status == 200 && json != null && json.path("access_token").isString()
				&& json.path("instance_url").isString()) {
			String token = json.path("access_token").asString();
			if (!TOKEN.matcher(token).matches()) {
				throw new LoginException(failed(status) + "the access_token is not a token (empty, or not "
						+ "printable ASCII)", null, null, status, null);
			}
			URI instanceUrl;
			try {
				instanceUrl = SecureUrls.requireSecure(URI.create(json.path("instance_url").asString()),
						"instance_url");
			}
			catch (IllegalArgumentException ex) {
				// the login worked, but the instance it names cannot be used: no later login will change that
				throw new LoginException(
						"Login to " + this.loginUrl + " returned an unusable " + ServerText.escape(ex.getMessage()),
						null, null, status, false, null, null);
			}
			return new AccessToken(token, instanceUrl, orgIdOf(json.path("id")));
		}
		String error = (json != null && json.path("error").isString()) ? json.path("error").asString() : null;
		String description = (json != null && json.path("error_description").isString())
				? json.path("error_description").asString() : null;
		Duration retryAfter = LoginFailures.retryAfter(response.headers().asHttpHeaders().getFirst("Retry-After"),
				Clock.systemUTC());
		String reason;
		if (error != null) {
			reason = ServerText.escape(error) + ((description != null) ? ": " + ServerText.escape(description) : "");
		}
		else if (status == 200) {
			reason = "the answer has no access_token or instance_url";
		}
		else {
			// a proxy's or gateway's error page, or an overloaded server: never quoted, it may echo the request
			reason = "not an OAuth answer (" + response.headers()
				.contentType()
				.map((type) -> ServerText.escape(type.toString()))
				.orElse("no content type") + ")";
		}
		if (retryAfter != null) {
			reason += "; Retry-After " + retryAfter.toSeconds() + " s";
		}
		return failWith(new LoginException(failed(status) + reason, error, description, status, retryAfter, null));
	}

	/**
	 * The org id of the answer's {@code id} URL, or {@code null}: a missing or malformed one must not fail a login
	 * that CometD can use, so it is logged (never quoted: the server's text could hold anything) and left unknown.
	 */
	private @Nullable String orgIdOf(JsonNode id) {
		if (id.isMissingNode() || id.isNull()) {
			logger.debug("Login to {} returned no id URL; the org id is unknown", this.loginUrl);
			return null;
		}
		try {
			if (!id.isString()) {
				throw new IllegalArgumentException("The identity URL is not text");
			}
			return OrgIds.fromIdentityUrl(new URI(id.asString()));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			// URISyntaxException's message quotes the text: not logged
			String problem = (ex instanceof URISyntaxException) ? "The identity URL is not a URL" : ex.getMessage();
			logger.warn("Login to {} returned an id that names no org: {}; the org id is unknown (the Pub/Sub API "
					+ "then needs it given)", this.loginUrl, problem);
			return null;
		}
	}

	private String failed(int status) {
		return "Login to " + this.loginUrl + " with the " + grantName() + " grant failed (HTTP " + status + "): ";
	}

	private static AccessToken failWith(LoginException ex) {
		throw ex;
	}

	private static @Nullable JsonNode parse(String body) {
		try {
			return body.isBlank() ? null : jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Checks that a required argument is set, naming it in the error. */
	static String required(@Nullable String value, String argument) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(argument + " must be set");
		}
		return value;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[loginUrl=" + this.loginUrl + "]";
	}

}
