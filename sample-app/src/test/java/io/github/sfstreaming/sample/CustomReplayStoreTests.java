package io.github.sfstreaming.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's replay-store override: with {@code sample.replay-store=custom} its own bean replaces the
 * starter's JDBC store and receives the handled ids.
 */
@SpringBootTest(properties = { "sample.replay-store=custom", "sample.demo.initial-delay=0s",
		"sample.demo.interval=200ms", "sample.demo.restart-after=0",
		"spring.datasource.url=jdbc:h2:mem:sample-custom-store;DB_CLOSE_DELAY=-1" })
class CustomReplayStoreTests {

	@Autowired
	private ReplayStore replayStore;

	@Test
	void theApplicationsStoreReplacesTheStartersAndGetsTheIds() {
		assertThat(this.replayStore).isInstanceOf(LoggingReplayStoreConfiguration.LoggingReplayStore.class);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.replayStore.lastReplayId("/u/Notifications")).isPresent());
	}

}
