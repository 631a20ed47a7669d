package io.github.sfstreaming.spring.health;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.InMemoryReplayStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SalesforceStreamingHealthIndicator} on a client connected to the emulator.
 */
class SalesforceStreamingHealthIndicatorTests {

	private SalesforceStreamingEmulator emulator;

	private SalesforceStreamingClient client;

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(1))
			.channels("/topic/InvoiceUpdates")
			.build()
			.start();
		this.client = SalesforceStreamingClient.builder()
			.tokenProvider(UsernamePasswordTokenProvider.builder()
				.loginUrl(this.emulator.baseUrl())
				.clientId("test-client-id")
				.clientSecret("test-client-secret")
				.username("user@example.com")
				.password("pass")
				.build())
			.replayStore(new InMemoryReplayStore())
			.longPollTimeoutMargin(Duration.ofSeconds(1))
			.build();
		this.client.start();
		this.client.awaitConnected(Duration.ofSeconds(20));
	}

	@AfterEach
	void stop() {
		this.client.stop();
		this.emulator.close();
	}

	@Test
	void connectedAndPollingIsUp() {
		Health health = indicator(Clock.systemUTC()).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).doesNotContainKeys("reason", "pollingPausedSince");
	}

	@Test
	void connectedButNoPollCompletedWithinThePollWindowIsDown() {
		// an hour later by the indicator's clock: the client's last completed poll is an hour old
		Health health = indicator(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", ClientState.CONNECTED);
		assertThat((String) health.getDetails().get("reason")).matches("no poll completed for 36\\d\\d s "
				+ "\\(expected within \\d+ s\\)");
	}

	private SalesforceStreamingHealthIndicator indicator(Clock clock) {
		return new SalesforceStreamingHealthIndicator(() -> this.client, Duration.ofMinutes(1), Duration.ofMinutes(1),
				() -> null, clock);
	}

}
