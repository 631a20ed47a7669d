package io.github.sfstreaming.spring.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.listener.EventRecoverer;

/**
 * The application of the end-to-end tests: auto-configuration, the listeners and a recoverer that records
 * what it recovers.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class StreamingTestApplication {

	static final List<StreamingEvent> recovered = new CopyOnWriteArrayList<>();

	@Bean
	EventCollector eventCollector(ReplayStore replayStore) {
		return new EventCollector(replayStore);
	}

	@Bean
	EventRecoverer recordingRecoverer() {
		return (event, cause) -> recovered.add(event);
	}

}
