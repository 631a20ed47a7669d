package io.github.sfstreaming.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Answers of the token endpoint that the emulator does not give, canned, and a TLS handshake reset by the server:
 * only a definitive OAuth error is final.
 */
class TokenEndpointAnswersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String HTML = "<html><head><title>Error</title></head><body>Try later</body></html>";

	@Test
	void tooManyRequestsIsRetryableAfterTheServersRetryAfter() {
		LoginException ex = refusal(ClientResponse.create(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.CONTENT_TYPE, "text/html")
			.header(HttpHeaders.RETRY_AFTER, "7")
			.body(HTML)
			.build());
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getHttpStatus()).isEqualTo(429);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(ex.getError()).isNull();
		assertThat(ex.getMessage()).contains("HTTP 429")
			.contains("not an OAuth answer (text/html)")
			.contains("Retry-After 7 s")
			.doesNotContain("Try later");
	}

	@Test
	void unavailableWithAnHttpDateRetryAfter() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
		LoginException ex = refusal(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, inTwoMinutes)
			.build());
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getRetryAfter()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
		assertThat(ex.getMessage()).contains("HTTP 503").contains("no content type");
	}

	@Test
	void requestTimeoutIsRetryable() {
		LoginException ex = refusal(ClientResponse.create(HttpStatus.REQUEST_TIMEOUT).build());
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getRetryAfter()).isNull();
	}

	@Test
	void aProxysHtmlErrorPageIsNoRefusalOfTheCredentials() {
		for (int status : new int[] { 400, 403, 404, 502 }) {
			LoginException ex = refusal(ClientResponse.create(HttpStatusCode.valueOf(status))
				.header(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
				.body(HTML)
				.build());
			assertThat(ex.isRetryable()).as("HTTP %d", status).isTrue();
			assertThat(ex.getError()).isNull();
		}
	}

	@Test
	void anOAuthErrorThatSaysLaterIsRetryable() {
		LoginException ex = refusal(json(HttpStatus.BAD_REQUEST,
				"{\"error\":\"rate_limit_exceeded\",\"error_description\":\"too many logins\"}"));
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getError()).isEqualTo("rate_limit_exceeded");
	}

	@Test
	void definitiveOAuthErrorsAreFinal() {
		assertThat(refusal(json(HttpStatus.BAD_REQUEST,
				"{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}")).isRetryable())
			.isFalse();
		assertThat(refusal(json(HttpStatus.UNAUTHORIZED,
				"{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")).isRetryable())
			.isFalse();
		assertThat(refusal(json(HttpStatus.BAD_REQUEST,
				"{\"error\":\"inactive_org\",\"error_description\":\"organization is locked\"}")).isRetryable())
			.isFalse();
	}

	@Test
	void anOverloadedServerIsRetriedEvenWithAnOAuthError() {
		assertThat(refusal(json(HttpStatus.TOO_MANY_REQUESTS,
				"{\"error\":\"invalid_grant\",\"error_description\":\"login rate exceeded\"}")).isRetryable())
			.isTrue();
	}

	@Test
	void serverTextInTheMessageCannotForgeLogLines() {
		LoginException ex = refusal(json(HttpStatus.BAD_REQUEST,
				"{\"error\":\"invalid_grant\",\"error_description\":\"bad\\r\\nINFO forged line\"}"));
		assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("bad\\r\\nINFO forged line");
	}

	@Test
	void anAccessTokenThatCannotGoIntoAHeaderIsRefused() {
		LoginException ex = refusal(json(HttpStatus.OK,
				"{\"access_token\":\"00D!abc\\r\\nX-Injected: 1\",\"instance_url\":\"https://acme.my.salesforce.com\"}"));
		assertThat(ex.getMessage()).contains("access_token is not a token").doesNotContain("abc");
		assertThat(refusal(json(HttpStatus.OK,
				"{\"access_token\":\"\",\"instance_url\":\"https://acme.my.salesforce.com\"}")).getMessage())
			.contains("access_token is not a token");
	}

	@Test
	void anInstanceUrlThatCannotBeUsedIsFinal() {
		LoginException ex = refusal(json(HttpStatus.OK,
				"{\"access_token\":\"00D!abc\",\"instance_url\":\"http://acme.example.com\"}"));
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("instance_url");
	}

	@Test
	void theOrgIdComesFromTheIdUrl() {
		AccessToken token = login(json(HttpStatus.OK, "{\"access_token\":\"00D000000000001!abc\","
				+ "\"instance_url\":\"https://acme.my.salesforce.com\","
				+ "\"id\":\"https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA\"}"));
		assertThat(token.orgId()).isEqualTo("00D000000000001AAA");
	}

	@Test
	void aMissingOrMalformedIdLeavesTheOrgUnknownAndIsLoggedWithoutSecrets() {
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		Logger logger = (Logger) LoggerFactory.getLogger(AbstractOAuthTokenProvider.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		logger.addAppender(log);
		try {
			String[] ids = { null, "null", "42", "{\"url\":\"x\"}", "\"not a url: SECRET-ID\"",
					"\"https://SECRET-ID.example.com/services/id\"",
					"\"https://login.salesforce.com/id/00D000000000001!SECRET-ID/005000000000001AAA\"",
					"\"https://login.salesforce.com/id/001000000000001AAA/005000000000001AAA\"" };
			for (String id : ids) {
				log.list.clear();
				AccessToken token = login(json(HttpStatus.OK, "{\"access_token\":\"00D000000000001!TOKEN-VALUE\","
						+ "\"instance_url\":\"https://acme.my.salesforce.com\"" + ((id != null) ? ",\"id\":" + id : "")
						+ "}"));
				assertThat(token.orgId()).as(id).isNull();
				assertThat(token.value()).isEqualTo("00D000000000001!TOKEN-VALUE");
				Level expected = (id == null || id.equals("null")) ? Level.DEBUG : Level.WARN;
				assertThat(log.list).as(id)
					.anySatisfy((event) -> {
						assertThat(event.getLevel()).isEqualTo(expected);
						assertThat(event.getFormattedMessage()).contains("org id is unknown");
					});
				for (ILoggingEvent event : log.list) {
					assertThat(event.getFormattedMessage()).as(id)
						.doesNotContain("TOKEN-VALUE")
						.doesNotContain("SECRET-ID")
						.doesNotContain("secret");
				}
			}
		}
		finally {
			logger.detachAppender(log);
			logger.setLevel(level);
		}
	}

	@Test
	void aTlsHandshakeResetByTheServerIsRetryable() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread resetter = new Thread(() -> resetAfterClientHello(server), "tls-resetter");
			resetter.setDaemon(true);
			resetter.start();
			URI loginUrl = URI.create("https://127.0.0.1:" + server.getLocalPort());
			UsernamePasswordTokenProvider provider = provider(loginUrl, WebClient.builder());
			assertThatExceptionOfType(LoginException.class).isThrownBy(() -> provider.token().block(TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getHttpStatus()).isZero();
					assertThat(ex.isRetryable()).isTrue();
					assertThat(ex.getMessage()).doesNotContain("certificate");
				});
		}
	}

	/**
	 * Reads the start of each ClientHello, then closes with a TCP reset, as an overloaded load balancer may
	 * (every connection: Reactor Netty tries a reset request once more).
	 */
	private static void resetAfterClientHello(ServerSocket server) {
		while (!server.isClosed()) {
			try (Socket socket = server.accept()) {
				InputStream in = socket.getInputStream();
				in.read(new byte[5]);
				socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// closed at the end of the test
			}
		}
	}

	private static ClientResponse json(HttpStatus status, String body) {
		return ClientResponse.create(status).header(HttpHeaders.CONTENT_TYPE, "application/json").body(body).build();
	}

	private static AccessToken login(ClientResponse answer) {
		WebClient.Builder canned = WebClient.builder().exchangeFunction((request) -> Mono.just(answer));
		return provider(URI.create("https://login.example.com"), canned).token().block(TIMEOUT);
	}

	private static LoginException refusal(ClientResponse answer) {
		WebClient.Builder canned = WebClient.builder().exchangeFunction((request) -> Mono.just(answer));
		UsernamePasswordTokenProvider provider = provider(URI.create("https://login.example.com"), canned);
		try {
			provider.token().block(TIMEOUT);
		}
		catch (LoginException ex) {
			return ex;
		}
		throw new AssertionError("the login did not fail");
	}

	private static UsernamePasswordTokenProvider provider(URI loginUrl, WebClient.Builder http) {
		return UsernamePasswordTokenProvider.builder()
			.loginUrl(loginUrl)
			.webClientBuilder(http)
			.clientId("id")
			.clientSecret("secret")
			.username("user@example.com")
			.password("pw")
			.build();
	}

}
