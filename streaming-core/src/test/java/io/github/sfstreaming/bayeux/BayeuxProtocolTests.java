package io.github.sfstreaming.bayeux;

import java.time.Duration;

import org.junit.jupiter.api.Test;
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

	@Test
	void classifiesSalesforceErrors() {
		assertThat(BayeuxErrorKind.classify("403::Unknown client", null)).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
		assertThat(BayeuxErrorKind.classify("402::Unknown client", null)).isEqualTo(BayeuxErrorKind.UNKNOWN_CLIENT);
		assertThat(BayeuxErrorKind.classify("401::Authentication invalid", null))
			.isEqualTo(BayeuxErrorKind.AUTHENTICATION);
		assertThat(BayeuxErrorKind.classify("403::Handshake denied", "401::Authentication invalid"))
			.isEqualTo(BayeuxErrorKind.AUTHENTICATION);
		assertThat(BayeuxErrorKind.classify("503::Server is too busy. Please try your request again later.", null))
			.isEqualTo(BayeuxErrorKind.TOO_BUSY);
		assertThat(BayeuxErrorKind.classify("403::Organization concurrent user limit exceeded", null))
			.isEqualTo(BayeuxErrorKind.ORG_LIMIT);
		assertThat(BayeuxErrorKind.classify("403::Organization total events daily limit exceeded", null))
			.isEqualTo(BayeuxErrorKind.ORG_LIMIT);
		assertThat(BayeuxErrorKind.classify("400::The replayId {12} you provided was invalid.  Please provide a "
				+ "valid ID, -2 to replay all events, or -1 to replay only new events.", null))
			.isEqualTo(BayeuxErrorKind.INVALID_REPLAY_ID);
		assertThat(BayeuxErrorKind.classify("400::The channel you requested to subscribe to doesn't exist", null))
			.isEqualTo(BayeuxErrorKind.CONFIGURATION);
		assertThat(BayeuxErrorKind.classify("403::Restricted channel", null)).isEqualTo(BayeuxErrorKind.CONFIGURATION);
		assertThat(BayeuxErrorKind.classify("403::User not enabled for streaming", null))
			.isEqualTo(BayeuxErrorKind.CONFIGURATION);
		assertThat(BayeuxErrorKind.classify("404::Unknown channel", null)).isEqualTo(BayeuxErrorKind.CONFIGURATION);
		assertThat(BayeuxErrorKind.CONFIGURATION.isRetryable()).isFalse();
		assertThat(BayeuxErrorKind.TOO_BUSY.isRetryable()).isTrue();
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
	void debugLogRedactsSecrets() {
		JsonNode redacted = MessageLog.redact(json("""
				{"channel":"/meta/handshake","ext":{"access_token":"00D!abc","sfdc":{"sessionId":"s3cr3t"}},
				"data":{"payload":{"Password__c":"hunter2","Name":"ok"}},"list":[{"refreshToken":"rt"}]}"""));
		assertThat(redacted.toString()).doesNotContain("00D!abc", "s3cr3t", "hunter2", "\"rt\"").contains("\"ok\"");
		Logger logger = LoggerFactory.getLogger(BayeuxProtocolTests.class);
		MessageLog.debug(logger, "received", json("{\"ext\":{\"token\":\"x\"}}"));
	}

}
