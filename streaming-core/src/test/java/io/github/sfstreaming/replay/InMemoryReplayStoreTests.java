package io.github.sfstreaming.replay;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The in-memory store never moves a channel backwards.
 */
class InMemoryReplayStoreTests {

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	@Test
	void emptyWhenNothingStored() {
		assertThat(this.store.lastReplayId("/topic/A")).isEmpty();
	}

	@Test
	void neverMovesBackwards() {
		this.store.store("/topic/A", 10, null);
		this.store.store("/topic/A", 7, null);
		this.store.store("/topic/B", 3, null);
		assertThat(this.store.lastReplayId("/topic/A")).contains(ReplayPosition.after(10));
		assertThat(this.store.lastReplayId("/topic/B")).contains(ReplayPosition.after(3));
	}

	@Test
	void concurrentStoresKeepTheHighest() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		for (int i = 1000; i >= 1; i--) {
			long id = i;
			executor.execute(() -> this.store.store("/topic/A", id, null));
		}
		executor.shutdown();
		assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.store.lastReplayId("/topic/A")).contains(ReplayPosition.after(1000));
	}

	@Test
	void resetForgetsTheChannel() {
		this.store.store("/topic/A", 10, null);
		this.store.reset("/topic/A");
		assertThat(this.store.lastReplayId("/topic/A")).isEmpty();
		assertThat(this.store.snapshot()).isEmpty();
	}

	@Test
	void presetsAreNotReplayIds() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.store("/topic/A", -1, null));
		assertThat(ReplayPosition.NEW_EVENTS.isPreset()).isTrue();
		assertThat(ReplayPosition.ALL_EVENTS.value()).isEqualTo(-2);
	}

}
