package io.github.sfstreaming.spring.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.logging.ServerText;

/**
 * A {@link StreamingClientListener} that logs the messages of a subscribed channel that are not an event, which the
 * client drops: a warning with the channel and the problem at most once per channel per interval (a server that
 * sends nothing but malformed messages must not flood the log), and every message at DEBUG, cut, with
 * credential-like fields masked. What the server sent is escaped so that it cannot forge log lines.
 */
public class MalformedEventLogger implements StreamingClientListener {

	private static final Logger logger = LoggerFactory.getLogger(MalformedEventLogger.class);

	private final Duration warnInterval;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/**
	 * Creates a logger that warns at most once per channel per minute.
	 */
	public MalformedEventLogger() {
		this(Duration.ofMinutes(1), Clock.systemUTC());
	}

	MalformedEventLogger(Duration warnInterval, Clock clock) {
		Assert.isTrue(!warnInterval.isNegative(), "'warnInterval' must not be negative");
		this.warnInterval = warnInterval;
		this.clock = clock;
	}

	@Override
	public void eventMalformed(String channel, JsonNode message, String problem) {
		Instant now = this.clock.instant();
		// how many went unlogged in the interval that ends now, or -1 while the interval goes on
		int[] unloggedBefore = { -1 };
		this.windows.compute(channel, (key, current) -> {
			if (current == null || !now.isBefore(current.start().plus(this.warnInterval))) {
				unloggedBefore[0] = (current != null) ? current.unlogged() : 0;
				return new Window(now, 0);
			}
			return new Window(current.start(), current.unlogged() + 1);
		});
		int unlogged = unloggedBefore[0];
		if (unlogged >= 0) {
			logger.warn("Dropped a malformed message on {}: {}. It is not delivered and the stored replay id does not "
					+ "move; the channel's other events go on{}. The message is logged at DEBUG",
					ServerText.escape(channel), ServerText.escape(problem),
					(unlogged > 0) ? " (" + unlogged + " more on this channel since the last warning)" : "");
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Malformed message on {}: {}", ServerText.escape(channel),
					ServerText.escape(ServerText.redact(message).toString()));
		}
	}

	/**
	 * The warning interval of one channel.
	 * @param start when its warning was logged
	 * @param unlogged how many malformed messages came since, not warned about
	 */
	private record Window(Instant start, int unlogged) {
	}

}
