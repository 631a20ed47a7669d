package io.github.sfstreaming.sample;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;

/**
 * How to replace the starter's replay store: declare a {@link ReplayStore} bean. Switched on with
 * {@code sample.replay-store=custom}; this one keeps ids in memory and logs every write (a real one would
 * write to Redis, DynamoDB, a file...). The starter's JDBC store then backs off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.replay-store", havingValue = "custom")
class LoggingReplayStoreConfiguration {

	@Bean
	ReplayStore loggingReplayStore() {
		return new LoggingReplayStore();
	}

	static final class LoggingReplayStore implements ReplayStore {

		private static final Logger logger = LoggerFactory.getLogger(LoggingReplayStore.class);

		// the keeping itself is the core's in-memory store; this one only adds the log line
		private final ReplayStore ids = new InMemoryReplayStore();

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
			this.ids.store(channel, replayId, eventTime);
			logger.info("custom replay store: stored {} for {}", replayId, channel);
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			return this.ids.lastReplayId(channel);
		}

		@Override
		public void reset(String channel) {
			this.ids.reset(channel);
		}

	}

}
