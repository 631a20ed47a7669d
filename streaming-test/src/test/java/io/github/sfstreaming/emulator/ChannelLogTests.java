package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelLogTests {

	@Test
	void afterReadsTheRetainedEventsAfterAnIdFromEitherEnd() {
		Retention retention = new Retention(50, Duration.ofHours(1));
		ChannelLog log = new ChannelLog("/event/Order__e");
		Instant now = Instant.now();
		for (int i = 0; i < 80; i++) {
			log.publish(now, (id) -> Map.of(), retention, (session, channel, event) -> {
			});
		}
		// Retained: 31..80.
		for (long after : new long[] { 0, 29, 30, 31, 40, 54, 55, 56, 70, 79, 80, 95 }) {
			for (int max : new int[] { 1, 3, 100 }) {
				long from = Math.max(after, 30) + 1;
				List<Long> expected = LongStream.rangeClosed(from, 80).limit(max).boxed().toList();
				assertThat(log.after(after, max, now, retention).stream().map(RetainedEvent::replayId).toList())
					.as("after %d, max %d", after, max)
					.containsExactlyElementsOf(expected);
			}
		}
	}

}
