package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconnect delays grow, stay within bounds and are jittered.
 */
class BackOffsTests {

	@Test
	void delaysGrowUpToTheMaximumAndNeverReachZero() {
		BackOffs backOffs = new BackOffs(Duration.ofMillis(100), Duration.ofSeconds(2));
		BackOffExecution execution = backOffs.start();
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			delays.add(BackOffs.next(execution, backOffs.max()));
		}
		assertThat(delays).allSatisfy((d) -> assertThat(d).isBetween(Duration.ofMillis(50), Duration.ofSeconds(2)));
		assertThat(delays.get(11)).isGreaterThan(delays.get(0));
		assertThat(delays.subList(8, 12)).allSatisfy((d) -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void delaysAreJittered() {
		BackOffs backOffs = new BackOffs(Duration.ofMillis(1000), Duration.ofSeconds(60));
		List<Duration> thirdDelays = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			BackOffExecution execution = backOffs.start();
			execution.nextBackOff();
			execution.nextBackOff();
			thirdDelays.add(BackOffs.next(execution, backOffs.max()));
		}
		assertThat(thirdDelays.stream().distinct().count()).isGreaterThan(1);
	}

}
