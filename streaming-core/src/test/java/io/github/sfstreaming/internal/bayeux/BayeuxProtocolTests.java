package io.github.sfstreaming.internal.bayeux;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error classification, advice and log redaction.
 */
class BayeuxProtocolTests {

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	/**
	 * Every error and failure reason of Salesforce's Streaming API guide ("Streaming API Error Codes", "Handling
	 * Streaming API Errors"), as the error field alone or paired as the guide documents them.
	 */
	static Stream<Arguments> documentedErrors() {
		return Stream.of(
				// the failure reason holds the real cause and decides
				documented("401::Authentication invalid", "503::Server is too busy.  Please try your request again later.",
						BayeuxErrorKind.TOO_BUSY),
				documented("403::Handshake denied", "401::Authentication invalid", BayeuxErrorKind.AUTHENTICATION),
				documented("403::Handshake denied", "401::Request requires authentication.",
						BayeuxErrorKind.AUTHENTICATION),
				documented("403::Handshake denied", "403::To protect all customers from excessive use and Denial of "
						+ "Service attacks, we limit the number of simultaneous connections per server.  Your request "
						+ "has been denied because this limit has been exceeded.  Please try your request again later.",
						BayeuxErrorKind.ORG_LIMIT),
				documented("403::Handshake denied", "403::Organization concurrent user limit exceeded",
						BayeuxErrorKind.ORG_LIMIT),
				documented("403::Unknown client", "503::Server is too busy. Please try your request again later.",
						BayeuxErrorKind.TOO_BUSY),
				// an unrecognised failure reason leaves the decision to the error
				documented("403::Unknown client", "999::Something new", BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("403::Handshake denied", null, BayeuxErrorKind.OTHER),
				// the error alone
				documented("401::Authentication invalid", null, BayeuxErrorKind.AUTHENTICATION),
				documented("401::Request requires authentication", null, BayeuxErrorKind.AUTHENTICATION),
				documented("403::Unknown client", null, BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("402::Unknown client", null, BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("402::session_unknown", null, BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("403::Client has not completed handshake", null, BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("400::Client 1q1ib66fvm7kli1gfoauu95i78g has established a session, but no BAYEUX_BROWSER "
						+ "cookie present", null, BayeuxErrorKind.UNKNOWN_CLIENT),
				documented("400::The replayId {12} you provided was invalid.  Please provide a valid ID, -2 to replay "
						+ "all events, or -1 to replay only new events.", null, BayeuxErrorKind.INVALID_REPLAY_ID),
				documented("503::Server is too busy. Please try your request again later.", null,
						BayeuxErrorKind.TOO_BUSY),
				documented("403::Organization concurrent user limit exceeded", null, BayeuxErrorKind.ORG_LIMIT),
				documented("403::Organization concurrent user limit has been exceeded", null,
						BayeuxErrorKind.ORG_LIMIT),
				documented("403::Organization total events daily limit exceeded", null, BayeuxErrorKind.ORG_LIMIT),
				documented("403::Subscription limit exceeded for this topic", null, BayeuxErrorKind.ORG_LIMIT),
				documented("400::API version in the URI is mandatory. URI format: '/cometd/66.0'", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("400::Unsupported API version. Only API versions '37.0' and later are supported. URI "
						+ "format: '/cometd/66.0'", null, BayeuxErrorKind.CONFIGURATION),
				documented("400::Invalid connection type websocket", null, BayeuxErrorKind.CONFIGURATION),
				documented("400::The channel you requested to subscribe to doesn't exist", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("400::The channel you requested to subscribe to doesn\u2019t exist /topic/Gone", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("400::The channel you requested to subscribe to does not exist /topic/Gone", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("400::Channel name not specified", null, BayeuxErrorKind.CONFIGURATION),
				documented("400::Channel subscriptions must start with a leading '/'", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("400::Query fields {Amount__x} do not exist on the topic entity", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("403::Cannot create channel /u/Notifications", null, BayeuxErrorKind.CONFIGURATION),
				documented("403::Subscriber does not have access to the entity in this topic", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("403::Subscriber does not have access to all fields referenced in the where clause of the "
						+ "PushTopic", null, BayeuxErrorKind.CONFIGURATION),
				documented("403::Restricted channel", null, BayeuxErrorKind.CONFIGURATION),
				documented("403::User not enabled for streaming", null, BayeuxErrorKind.CONFIGURATION),
				documented("403::User not allowed to subscribe CDC without View All Data permissions", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("403::Unable to create channel dynamically, maximum channel limit has been exceeded", null,
						BayeuxErrorKind.CONFIGURATION),
				documented("403::No access on channel", null, BayeuxErrorKind.CONFIGURATION),
				documented("404::channel names may not vary only by case", null, BayeuxErrorKind.CONFIGURATION),
				documented("404::Unknown channel", null, BayeuxErrorKind.CONFIGURATION),
				documented("413::Maximum Request Size Exceeded", null, BayeuxErrorKind.CONFIGURATION),
				// documented for the Lightning component only; nothing says what helps, so: back off, handshake
				documented("400::Authenticated user id does not match the session's user id", null,
						BayeuxErrorKind.OTHER),
				documented(null, null, BayeuxErrorKind.OTHER));
	}

	private static Arguments documented(@Nullable String error, @Nullable String failureReason,
			BayeuxErrorKind kind) {
		return Arguments.of(error, failureReason, kind);
	}

	@ParameterizedTest(name = "{0} | {1} -> {2}")
	@MethodSource("documentedErrors")
	void classifiesSalesforceErrors(@Nullable String error, @Nullable String failureReason, BayeuxErrorKind kind) {
		assertThat(BayeuxErrorKind.classify(error, failureReason)).isEqualTo(kind);
	}

	@Test
	void onlyConfigurationAndInvalidReplayIdsAreNotRetryable() {
		assertThat(BayeuxErrorKind.values()).filteredOn((kind) -> !kind.isRetryable())
			.containsExactlyInAnyOrder(BayeuxErrorKind.CONFIGURATION, BayeuxErrorKind.INVALID_REPLAY_ID);
	}

	@Test
	void failureMessagesEscapeServerText() {
		BayeuxException ex = Bayeux.failure(json("""
				{"channel":"/meta/connect","successful":false,"error":"503::busy\\r\\n12:00:00 ERROR forged",
				"ext":{"sfdc":{"failureReason":"503::Server is too busy\\nforged too"}}}"""), "Connect", Advice.DEFAULT);
		assertThat(ex.getMessage()).doesNotContain("\n", "\r")
			.contains("503::busy\\r\\n12:00:00 ERROR forged", "too busy\\nforged too");
		assertThat(ex.getBayeuxError()).isEqualTo("503::busy\\r\\n12:00:00 ERROR forged");
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.TOO_BUSY);
	}

	@Test
	void handshakeAdviceMakesAnUnknownErrorAnUnknownClient() {
		BayeuxException ex = Bayeux.failure(json("""
				{"channel":"/meta/connect","successful":false,"error":"999::Whatever","advice":{"reconnect":"handshake"}}"""),
				"Connect", Advice.DEFAULT);
		assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
		assertThat(ex.getAdvice().reconnect()).isEqualTo("handshake");
	}

	@Test
	void adviceKeepsFieldsTheServerDidNotSend() {
		Advice advice = Advice.DEFAULT.update(json("{\"advice\":{\"interval\":500}}"));
		assertThat(advice.interval()).isEqualTo(Duration.ofMillis(500));
		assertThat(advice.timeout()).isEqualTo(Duration.ofSeconds(110));
		assertThat(advice.reconnect()).isEqualTo("retry");
		assertThat(Advice.DEFAULT.update(json("{\"channel\":\"/meta/connect\"}"))).isEqualTo(Advice.DEFAULT);
	}

	@Test
	void absurdAdviceIsKeptWithinBounds() {
		long thirtyYears = Duration.ofDays(30 * 365).toMillis();
		Advice advice = Advice.DEFAULT
			.update(json("{\"advice\":{\"interval\":" + thirtyYears + ",\"timeout\":" + Long.MAX_VALUE + "}}"));
		assertThat(advice.interval()).isEqualTo(Advice.MAX_INTERVAL).isEqualTo(Duration.ofSeconds(30));
		assertThat(advice.timeout()).isEqualTo(Advice.MAX_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
		// beyond a long, and in floating point
		advice = Advice.DEFAULT.update(json("{\"advice\":{\"interval\":1e300,\"timeout\":123456789012345678901234567890}}"));
		assertThat(advice.interval()).isEqualTo(Advice.MAX_INTERVAL);
		assertThat(advice.timeout()).isEqualTo(Advice.MAX_TIMEOUT);
		// the bounds themselves are accepted
		advice = Advice.DEFAULT.update(json("{\"advice\":{\"interval\":30000,\"timeout\":600000}}"));
		assertThat(advice.interval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(advice.timeout()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void negativeOrNonNumericAdviceIsIgnored() {
		Advice before = new Advice("retry", Duration.ofMillis(250), Duration.ofSeconds(20));
		assertThat(before.update(json("{\"advice\":{\"interval\":-1,\"timeout\":-110000}}"))).isEqualTo(before);
		assertThat(before.update(json("{\"advice\":{\"interval\":\"soon\",\"timeout\":\"110000\"}}")))
			.isEqualTo(before);
		assertThat(before.update(json("{\"advice\":{\"interval\":[1],\"timeout\":{\"ms\":1},\"reconnect\":7}}")))
			.isEqualTo(before);
		assertThat(before.update(json("{\"advice\":{\"interval\":null}}"))).isEqualTo(before);
		assertThat(before.update(json("{\"advice\":{\"interval\":0,\"timeout\":0}}")))
			.isEqualTo(new Advice("retry", Duration.ZERO, Duration.ZERO));
	}

	@Test
	void clampingIsLoggedOnceAtWarnNamingFieldValueAndBound() {
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Advice.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			// a value no other test uses: the warning is once per value for the whole JVM
			JsonNode absurd = json("{\"advice\":{\"interval\":946080000123,\"timeout\":\"x\\r\\nforged\"}}");
			Advice.DEFAULT.update(absurd);
			Advice.DEFAULT.update(absurd);
			List<ILoggingEvent> warnings = appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.toList();
			assertThat(warnings).hasSize(2);
			assertThat(warnings.get(0).getFormattedMessage()).contains("interval", "946080000123", "30000 ms");
			assertThat(warnings.get(1).getFormattedMessage()).contains("timeout", "x\\r\\nforged")
				.doesNotContain("\r", "\n");
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void debugLogOfAMessageDoesNotFail() {
		// what it masks is tested with ServerText.redact
		Logger logger = LoggerFactory.getLogger(BayeuxProtocolTests.class);
		MessageLog.debug(logger, "received", json("{\"ext\":{\"token\":\"x\"}}"));
	}

}
