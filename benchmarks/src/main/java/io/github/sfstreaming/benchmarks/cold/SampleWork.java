package io.github.sfstreaming.benchmarks.cold;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What subject (h) does per event: the work of the sample app's four listeners, written the way a user of
 * CometD's {@code BayeuxClient} (EMP-Connector) writes it against the message's data map. The PushTopic record
 * is bound to the same record type with Jackson, the other kinds read the same fields, and each event logs the
 * same line through SLF4J and Logback with Spring Boot's default console pattern (Boot's converters written out
 * as Logback's own), so that (h) against (a) compares the two stacks doing the sample's work, where (d) does none.
 */
final class SampleWork {

	/** Spring Boot's default console pattern, as the sample prints it without colour. */
	private static final String BOOT_CONSOLE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p "
			+ ProcessHandle.current().pid() + " --- [cold-drain-cometd] [%15.15t] %-40.40logger{39} : %m%n";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Logger logger = configureLogging();

	private SampleWork() {
	}

	/** The sample's {@code InvoiceStatement}. */
	record InvoiceStatement(@JsonProperty("Id") String id, @JsonProperty("Name") String name,
			@JsonProperty("Status__c") String status, @JsonProperty("Amount__c") BigDecimal amount) {
	}

	/** Makes sure the logger is set up before the first event. */
	static void init() {
		logger.debug("ready");
	}

	/**
	 * Does the sample's work for one event.
	 * @param channel the event's channel
	 * @param data the message's data
	 */
	static void handle(String channel, Map<String, Object> data) {
		if (!(data.get("event") instanceof Map<?, ?> event) || !(event.get("replayId") instanceof Number id)) {
			return;
		}
		long replayId = id.longValue();
		if (channel.startsWith("/topic/")) {
			InvoiceStatement invoice = mapper.convertValue(data.get("sobject"), InvoiceStatement.class);
			logger.info("channel={} replayId={} {} invoice {} status={} amount={}", channel, replayId, event.get("type"),
					invoice.name(), invoice.status(), invoice.amount());
		}
		else if (channel.startsWith("/u/")) {
			logger.info("channel={} replayId={} notification \"{}\"", channel, replayId, data.get("payload"));
		}
		else if (channel.startsWith("/event/")) {
			Map<?, ?> payload = map(data.get("payload"));
			logger.info("channel={} replayId={} order {} total={}", channel, replayId, text(payload.get("Order_Number__c")),
					text(payload.get("Total__c")));
		}
		else {
			Map<?, ?> header = map(map(data.get("payload")).get("ChangeEventHeader"));
			logger.info("channel={} replayId={} {} {} {} fields={}", channel, replayId, header.get("changeType"),
					header.get("entityName"), list(header.get("recordIds")), list(header.get("changedFields")));
		}
	}

	private static Map<?, ?> map(Object value) {
		return (value instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof Object[] array) ? List.of(array) : (value instanceof List<?> list) ? list : List.of();
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

	/** A console appender with Boot's pattern for this class's logger, whatever the jar's logback.xml says. */
	private static Logger configureLogging() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(BOOT_CONSOLE_PATTERN);
		encoder.start();
		ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
		appender.setContext(context);
		appender.setName("BOOT_CONSOLE");
		appender.setEncoder(encoder);
		appender.start();
		ch.qos.logback.classic.Logger logger = context.getLogger(SampleWork.class);
		logger.setLevel(Level.INFO);
		logger.setAdditive(false);
		logger.addAppender(appender);
		return logger;
	}

}
