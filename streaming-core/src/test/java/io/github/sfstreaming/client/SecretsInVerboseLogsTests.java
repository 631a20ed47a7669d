package io.github.sfstreaming.client;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.ClientCredentialsTokenProvider;
import io.github.sfstreaming.auth.JwtBearerTokenProvider;
import io.github.sfstreaming.auth.RefreshTokenTokenProvider;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.EmulatorCredentials;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ROOT logger at DEBUG and at TRACE, every category captured (Spring's codecs and exchange functions,
 * Reactor Netty, Netty, ours), across a login, a revoked token and a new login, for every OAuth grant and through
 * an authenticating proxy: no credential, private key or issued access token appears in any message, argument or
 * stack trace. Only the emulator's own categories (Jetty, CometD, the emulator) are kept at INFO: they are the
 * server, which receives the credentials, not the client.
 */
class SecretsInVerboseLogsTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// distinctive values that no log line contains by chance, and that form encoding leaves as they are
	private static final String CLIENT_SECRET = "Cs-9hQ2vLm7ZkT4";

	private static final String PASSWORD = "Pw-3nXc8RbW1yE6";

	private static final String SECURITY_TOKEN = "St-5gJt0FdK2sU8";

	private static final String REFRESH_TOKEN = "Rt-7uMe4HpV9aC3";

	private static final String PROXY_USER = "proxy-user";

	private static final String PROXY_PASSWORD = "Px-2wYb6NqA8jG5";

	/** The first part of every JWT this client signs: {"alg":"RS256","typ":"JWT"}, base64url. */
	private static final String JWT_HEADER = Base64.getUrlEncoder()
		.withoutPadding()
		.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	/** Categories of the emulator, which runs in this JVM: the server side, not the client. */
	private static final List<String> SERVER_CATEGORIES = List.of("org.eclipse.jetty", "org.cometd",
			"io.github.sfstreaming.emulator");

	private static final KeyPair keys = generateKeys();

	private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
			+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
				.encodeToString(keys.getPrivate().getEncoded())
			+ "\n-----END PRIVATE KEY-----\n";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.credentials(EmulatorCredentials.defaults()
			.withClientSecret(CLIENT_SECRET)
			.withPassword(PASSWORD)
			.withSecurityToken(SECURITY_TOKEN)
			.withRefreshToken(REFRESH_TOKEN)
			.withJwtPublicKey(keys.getPublic()))
		.build();

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Map<Logger, @Nullable Level> savedLevels = new HashMap<>();

	private final List<Appender<ILoggingEvent>> savedAppenders = new ArrayList<>();

	enum Grant {

		PASSWORD, REFRESH_TOKEN, JWT_BEARER, CLIENT_CREDENTIALS

	}

	enum LevelName {

		DEBUG(Level.DEBUG), TRACE(Level.TRACE);

		private final Level level;

		LevelName(Level level) {
			this.level = level;
		}

		Level level() {
			return this.level;
		}

	}

	static Stream<Arguments> grantsAndLevels() {
		return Stream.of(Grant.values())
			.flatMap((grant) -> Stream.of(LevelName.values()).map((level) -> Arguments.of(grant, level)));
	}

	@ParameterizedTest(name = "{0} at {1}")
	@MethodSource("grantsAndLevels")
	void noSecretInAnyCategoryAcrossLoginRevocationAndNewLogin(Grant grant, LevelName level) {
		WebClient.Builder http = WebClient.builder();
		RecordingTokens tokens = new RecordingTokens(tokenProvider(grant, http));
		capture(level.level());
		try {
			runSession(tokens, http);
		}
		finally {
			release();
		}
		assertNoSecret(tokens, List.of());
	}

	/**
	 * An application that asked Spring to log request details ({@code spring.codec.log-request-details}, which
	 * unmasks form fields and headers) still gets no secret of this client's requests in its logs.
	 */
	@ParameterizedTest(name = "at {0}")
	@EnumSource(LevelName.class)
	void noSecretEvenWhenTheBuilderLogsRequestDetails(LevelName level) {
		WebClient.Builder http = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(true));
		RecordingTokens tokens = new RecordingTokens(tokenProvider(Grant.PASSWORD, http));
		capture(level.level());
		try {
			runSession(tokens, http);
		}
		finally {
			release();
		}
		assertNoSecret(tokens, List.of());
	}

	@ParameterizedTest(name = "at {0}")
	@EnumSource(LevelName.class)
	void noProxyPasswordInAnyCategory(LevelName level) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
		try (TunnelProxy proxy = new TunnelProxy("Basic " + basic)) {
			HttpClient httpClient = HttpClient.create()
				.proxy((spec) -> spec.type(ProxyProvider.Proxy.HTTP)
					.host("127.0.0.1")
					.port(proxy.port())
					.username(PROXY_USER)
					.password((user) -> PROXY_PASSWORD));
			WebClient.Builder http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient));
			RecordingTokens tokens = new RecordingTokens(tokenProvider(Grant.PASSWORD, http));
			capture(level.level());
			try {
				runSession(tokens, http);
			}
			finally {
				release();
			}
			// the login and the Bayeux requests went through the proxy, with its credentials
			assertThat(proxy.authorizations()).hasSizeGreaterThanOrEqualTo(2).containsOnly("Basic " + basic);
			assertNoSecret(tokens, List.of(PROXY_PASSWORD, basic));
		}
	}

	/** Logs in, receives an event, has the token revoked, logs in again and receives another event. */
	private void runSession(RecordingTokens tokens, WebClient.Builder http) {
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator.emulator())
			.tokenProvider(tokens)
			.webClientBuilder(http)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.build()) {
			client.start();
			client.subscribe(TOPIC, recorder).block(TIMEOUT);
			client.awaitConnected(TIMEOUT);
			long first = emulator.publish(TOPIC, "{\"Id\":\"a01\"}");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.handled(TOPIC)).contains(first));
			emulator.faults().expireTokens();
			// the poll held when the tokens expired comes back; the next request is refused and a new login follows
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tokens.issued()).hasSizeGreaterThanOrEqualTo(2));
			long second = emulator.publish(TOPIC, "{\"Id\":\"a02\"}");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.handled(TOPIC)).contains(second));
		}
	}

	private TokenProvider tokenProvider(Grant grant, WebClient.Builder http) {
		return switch (grant) {
			case PASSWORD -> UsernamePasswordTokenProvider.builder()
				.loginUrl(emulator.baseUrl())
				.webClientBuilder(http)
				.clientId("test-client-id")
				.clientSecret(CLIENT_SECRET)
				.username("user@example.com")
				.password(PASSWORD)
				.securityToken(SECURITY_TOKEN)
				.build();
			case REFRESH_TOKEN -> new RefreshTokenTokenProvider(emulator.baseUrl(), "test-client-id", CLIENT_SECRET,
					REFRESH_TOKEN, http);
			case JWT_BEARER -> JwtBearerTokenProvider.builder()
				.loginUrl(emulator.baseUrl())
				.webClientBuilder(http)
				.clientId("test-client-id")
				.username("user@example.com")
				.privateKeyPem(PEM)
				.build();
			case CLIENT_CREDENTIALS -> new ClientCredentialsTokenProvider(emulator.baseUrl(), "test-client-id",
					CLIENT_SECRET, http);
		};
	}

	private void assertNoSecret(RecordingTokens tokens, List<String> moreSecrets) {
		List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, PASSWORD, SECURITY_TOKEN, REFRESH_TOKEN,
				JWT_HEADER, base64(keys.getPrivate().getEncoded())));
		secrets.addAll(moreSecrets);
		PEM.lines().filter((line) -> !line.startsWith("-----")).forEach(secrets::add);
		assertThat(tokens.issued()).hasSizeGreaterThanOrEqualTo(2);
		for (String token : tokens.issued()) {
			// a log line cut short may hold only part of a token: look for both ends of its random part too
			String random = token.substring(token.indexOf('!') + 1);
			secrets.add(token);
			secrets.add(random.substring(0, 16));
			secrets.add(random.substring(random.length() - 16));
		}
		List<ILoggingEvent> events = List.copyOf(this.appender.list);
		// the capture did see the verbose framework categories, or this test would prove nothing
		assertThat(events).anySatisfy((event) -> assertThat(event.getLoggerName()).startsWith("reactor.netty"));
		assertThat(events).anySatisfy(
				(event) -> assertThat(event.getLoggerName()).startsWith("org.springframework.web.reactive.function"));
		assertThat(events).anySatisfy((event) -> assertThat(event.getLoggerName()).startsWith("io.github.sfstreaming"));
		List<String> leaks = new ArrayList<>();
		for (ILoggingEvent event : events) {
			if (isServerCategory(event.getLoggerName())) {
				continue;
			}
			String text = textOf(event);
			secrets.stream()
				.filter(text::contains)
				.findFirst()
				.ifPresent((secret) -> leaks.add(event.getLevel() + " " + event.getLoggerName() + ": " + text));
		}
		assertThat(leaks).as("log lines holding a secret").isEmpty();
	}

	private static String textOf(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		Object[] arguments = event.getArgumentArray();
		if (arguments != null) {
			for (Object argument : arguments) {
				text.append('\n').append(argument);
			}
		}
		if (event.getThrowableProxy() != null) {
			text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
		}
		text.append('\n').append(event.getMDCPropertyMap());
		return text.toString();
	}

	private static boolean isServerCategory(String category) {
		return SERVER_CATEGORIES.stream().anyMatch(category::startsWith);
	}

	/** Every category at {@code level} into the list, the emulator's at INFO; the console appenders set aside. */
	private void capture(Level level) {
		for (Logger logger : this.context.getLoggerList()) {
			if (logger != this.root && logger.getLevel() != null) {
				this.savedLevels.put(logger, logger.getLevel());
				logger.setLevel(null);
			}
		}
		this.savedLevels.put(this.root, this.root.getLevel());
		this.root.setLevel(level);
		SERVER_CATEGORIES.forEach((category) -> this.context.getLogger(category).setLevel(Level.INFO));
		this.root.iteratorForAppenders().forEachRemaining(this.savedAppenders::add);
		this.savedAppenders.forEach(this.root::detachAppender);
		this.appender.setContext(this.context);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		if (this.savedLevels.isEmpty()) {
			return;
		}
		this.root.detachAppender(this.appender);
		this.appender.stop();
		this.savedAppenders.forEach(this.root::addAppender);
		this.savedAppenders.clear();
		SERVER_CATEGORIES.forEach((category) -> this.context.getLogger(category).setLevel(null));
		this.savedLevels.forEach(Logger::setLevel);
		this.savedLevels.clear();
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static KeyPair generateKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Passes the tokens through, keeping every one the client was given. */
	private static final class RecordingTokens implements TokenProvider {

		private final TokenProvider delegate;

		private final Set<String> issued = ConcurrentHashMap.newKeySet();

		RecordingTokens(TokenProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<AccessToken> token() {
			return this.delegate.token().doOnNext((token) -> this.issued.add(token.value()));
		}

		@Override
		public Mono<AccessToken> refresh(AccessToken rejected) {
			return this.delegate.refresh(rejected).doOnNext((token) -> this.issued.add(token.value()));
		}

		Set<String> issued() {
			return Set.copyOf(this.issued);
		}

	}

}
