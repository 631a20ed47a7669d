package io.github.sfstreaming.spring.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.sfstreaming.logging.ServerText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MalformedEventLogger}.
 */
class MalformedEventLoggerTests {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(MalformedEventLogger.class);

	private Instant now = Instant.parse("2026-12-01T10:00:00Z");

	private final MalformedEventLogger malformed = new MalformedEventLogger(Duration.ofMinutes(1), new Clock() {

		@Override
		public Instant instant() {
			return MalformedEventLoggerTests.this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	});

	@BeforeEach
	void capture() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(null);
	}

	@Test
	void warnsOncePerChannelPerIntervalAndCountsTheOthers() {
		JsonNode message = JsonNodeFactory.instance.objectNode().put("data", "not an object");
		this.malformed.eventMalformed("/event/A__e", message, "data is not an object");
		this.malformed.eventMalformed("/event/A__e", message, "data is not an object");
		this.malformed.eventMalformed("/event/B__e", message, "data is not an object");
		this.now = this.now.plusSeconds(59);
		this.malformed.eventMalformed("/event/A__e", message, "data is not an object");
		assertThat(warnings()).hasSize(2);
		this.now = this.now.plusSeconds(1);
		this.malformed.eventMalformed("/event/A__e", message, "data is not an object");
		assertThat(warnings()).hasSize(3).last().asString().contains("/event/A__e", "2 more on this channel");
		assertThat(this.appender.list.stream().filter((logged) -> logged.getLevel() == Level.DEBUG)).hasSize(5);
	}

	@Test
	void longMessagesAreCutAtDebug() {
		JsonNode message = JsonNodeFactory.instance.objectNode().put("data", "x".repeat(10_000));
		this.malformed.eventMalformed("/event/A__e", message, "data is not an object");
		assertThat(this.appender.list).filteredOn((logged) -> logged.getLevel() == Level.DEBUG)
			.singleElement()
			.satisfies((logged) -> assertThat(logged.getFormattedMessage())
				.hasSizeLessThan(ServerText.MAX_LENGTH + 100));
	}

	private List<String> warnings() {
		return this.appender.list.stream()
			.filter((logged) -> logged.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
