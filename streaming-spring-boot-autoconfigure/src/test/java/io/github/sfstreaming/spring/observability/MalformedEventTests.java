package io.github.sfstreaming.spring.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.metrics.SalesforceStreamingMetricsAutoConfiguration;
import io.github.sfstreaming.spring.event.MalformedEventReceivedEvent;
import io.github.sfstreaming.spring.logging.MalformedEventLogger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application does with a message the client reports as malformed, through the client listeners of a real
 * context: counted, published as an application event, logged.
 */
class MalformedEventTests {

	private static final String ORDERS = "/event/Order__e";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
				SalesforceStreamingMetricsAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("salesforce.streaming.login-url=http://127.0.0.1:1",
				"salesforce.streaming.auth.client-id=test-client-id",
				"salesforce.streaming.auth.client-secret=test-client-secret",
				"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pass",
				"salesforce.streaming.startup.auto-startup=false");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(MalformedEventLogger.class);

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
	void malformedMessageIsCountedPublishedAndLoggedOncePerChannel() {
		JsonNode message = JsonMapper.builder()
			.build()
			.readTree("{\"channel\":\"/event/Order__e\",\"data\":{\"event\":{\"replayId\":-1},"
					+ "\"payload\":{\"OrderNumber__c\":\"1\",\"access_token\":\"s3cr3t-t0ken\"}}}");
		this.runner.run((context) -> {
			List<StreamingClientListener> listeners = List
				.copyOf(context.getBeansOfType(StreamingClientListener.class).values());
			// as the client calls them
			listeners.forEach((listener) -> listener.subscribed(ORDERS, ReplayPosition.NEW_EVENTS));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("salesforce.streaming.events.malformed").tag("channel", ORDERS).counter().count())
				.isZero();
			String forging = "replay id is negative\r\nINFO forged";
			listeners.forEach((listener) -> listener.eventMalformed(ORDERS, message, forging));
			listeners.forEach((listener) -> listener.eventMalformed(ORDERS, message, "replay id is negative"));

			assertThat(meters.get("salesforce.streaming.events.malformed").tag("channel", ORDERS).counter().count())
				.isEqualTo(2);

			Recorder recorder = context.getBean(Recorder.class);
			assertThat(recorder.events).hasSize(2);
			MalformedEventReceivedEvent event = recorder.events.get(0);
			assertThat(event.getChannel()).isEqualTo(ORDERS);
			assertThat(event.getMessage()).isEqualTo(message);
			assertThat(event.getProblem()).isEqualTo("replay id is negative\r\nINFO forged");
			assertThat(event.getSource()).isSameAs(context.getBean("salesforceStreamingClient"));
			assertThat(event.toString()).doesNotContain("\r", "\n", "s3cr3t-t0ken");

			List<ILoggingEvent> warnings = this.appender.list.stream()
				.filter((logged) -> logged.getLevel() == Level.WARN)
				.toList();
			assertThat(warnings).singleElement()
				.extracting(ILoggingEvent::getFormattedMessage)
				.asString()
				.contains(ORDERS, "replay id is negative\\r\\nINFO forged", "not delivered")
				.doesNotContain("\r", "\n", "s3cr3t-t0ken");
			List<ILoggingEvent> debug = this.appender.list.stream()
				.filter((logged) -> logged.getLevel() == Level.DEBUG)
				.toList();
			assertThat(debug).hasSize(2)
				.allSatisfy((logged) -> assertThat(logged.getFormattedMessage()).contains("OrderNumber__c", "****")
					.doesNotContain("s3cr3t-t0ken"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Application {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	static class Recorder implements ApplicationListener<MalformedEventReceivedEvent> {

		final List<MalformedEventReceivedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MalformedEventReceivedEvent event) {
			this.events.add(event);
		}

	}

}
