package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole session, faults included, logged at DEBUG: no token or secret in any line.
 */
class SecretsInLogsTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(TOPIC)
		.build();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger("io.github.sfstreaming");

	@BeforeEach
	void capture() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void debugLogsHoldNoSecret(SalesforceStreamingEmulator emulator) {
		UsernamePasswordTokenProvider tokens = EmulatorClients.tokens(emulator);
		EventRecorder recorder = new EventRecorder();
		AccessToken first;
		AccessToken second;
		// the events below may be published while the client is logging in again and subscribing anew; from all
		// events, that new subscription still gets them (with nothing handled yet, new events would skip them)
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.tokenProvider(tokens)
			.defaultReplay(ReplayPosition.ALL_EVENTS)
			.build()) {
			client.start();
			client.subscribe(TOPIC, recorder).block(Duration.ofSeconds(10));
			first = tokens.token().block();
			emulator.faults().expireTokens();
			List<Long> ids = emulator.publish(TOPIC, 3, "{\"Id\":\"a01\"}");
			await().untilAsserted(() -> assertThat(recorder.handled(TOPIC)).containsExactlyElementsOf(ids));
			// the events may have come in the poll that was held when the tokens expired: the client logs in again
			// only when its next request is refused, which can be after they were handled
			await().untilAsserted(() -> assertThat(tokens.token().block().value()).isNotEqualTo(first.value()));
			second = tokens.token().block();
		}
		assertThat(second.value()).isNotEqualTo(first.value());
		assertThat(this.appender.list).anySatisfy((event) -> assertThat(event.getFormattedMessage()).contains("Bayeux sent"));
		for (ILoggingEvent event : this.appender.list) {
			String text = event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy()) : "");
			assertThat(text).doesNotContain(first.value(), second.value(), "test-client-secret", "password=");
		}
	}

}
