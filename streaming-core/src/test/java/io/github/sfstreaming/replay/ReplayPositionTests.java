package io.github.sfstreaming.replay;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Replay positions of both formats, and how a store keeps them apart.
 */
class ReplayPositionTests {

	@Test
	void opaqueIdsCompareByContentAndAreCopied() {
		byte[] bytes = { 0, 0, 1, 7 };
		ReplayPosition position = ReplayPosition.afterOpaque(bytes);
		bytes[3] = 9;
		assertThat(position).isEqualTo(ReplayPosition.afterOpaque(new byte[] { 0, 0, 1, 7 }));
		assertThat(position.bytes()).containsExactly(0, 0, 1, 7);
		position.bytes()[0] = 5;
		assertThat(position.bytes()).containsExactly(0, 0, 1, 7);
		assertThat(position.isOpaque()).isTrue();
		assertThat(position.isPreset()).isFalse();
		assertThat(position).hasToString("opaque:00000107");
	}

	@Test
	void anOpaqueIdHasNoNumericValueNorANumericOneBytes() {
		assertThatIllegalStateException().isThrownBy(() -> ReplayPosition.afterOpaque(new byte[] { 1 }).value());
		assertThatIllegalStateException().isThrownBy(() -> ReplayPosition.after(5).bytes());
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayPosition.afterOpaque(new byte[0]));
		assertThat(ReplayPosition.after(5)).isNotEqualTo(ReplayPosition.afterOpaque(new byte[] { 5 }));
	}

	@Test
	void presetsFitBothFormatsAndIdsOnlyTheirOwn() {
		assertThat(ReplayPosition.NEW_EVENTS.fits(ReplayIdFormat.OPAQUE)).isTrue();
		assertThat(ReplayPosition.ALL_EVENTS.fits(ReplayIdFormat.NUMERIC)).isTrue();
		assertThat(ReplayPosition.after(3).fits(ReplayIdFormat.OPAQUE)).isFalse();
		assertThat(ReplayPosition.afterOpaque(new byte[] { 3 }).fits(ReplayIdFormat.NUMERIC)).isFalse();
	}

	@Test
	void theInMemoryStoreKeepsBothFormatsApart() {
		InMemoryReplayStore store = new InMemoryReplayStore();
		store.store("/event/A__e", 42, null);
		assertThat(store.lastReplayId("/event/A__e", ReplayIdFormat.OPAQUE)).isEmpty();
		store.store("/event/A__e", ReplayPosition.afterOpaque(new byte[] { 1, 2 }), null);
		store.store("/event/A__e", ReplayPosition.afterOpaque(new byte[] { 1, 3 }), null);
		assertThat(store.lastReplayId("/event/A__e", ReplayIdFormat.OPAQUE))
			.contains(ReplayPosition.afterOpaque(new byte[] { 1, 3 }));
		assertThat(store.lastReplayId("/event/A__e", ReplayIdFormat.NUMERIC)).contains(ReplayPosition.after(42));
		store.reset("/event/A__e");
		assertThat(store.lastReplayId("/event/A__e", ReplayIdFormat.OPAQUE)).isEmpty();
	}

	@Test
	void aStoreWrittenForCometdRefusesOpaqueIdsClearlyAndNeverHandsItsIdsToPubSub() {
		ReplayStore cometdOnly = new ReplayStore() {

			private @Nullable Long stored;

			@Override
			public void store(String channel, long replayId, java.time.@Nullable Instant eventTime) {
				this.stored = replayId;
			}

			@Override
			public Optional<ReplayPosition> lastReplayId(String channel) {
				Long stored = this.stored;
				return (stored != null) ? Optional.of(ReplayPosition.after(stored)) : Optional.empty();
			}

		};
		cometdOnly.store("/event/A__e", ReplayPosition.after(7), null);
		assertThat(cometdOnly.lastReplayId("/event/A__e", ReplayIdFormat.NUMERIC)).contains(ReplayPosition.after(7));
		assertThat(cometdOnly.lastReplayId("/event/A__e", ReplayIdFormat.OPAQUE)).isEmpty();
		assertThat(cometdOnly.formats()).containsExactly(ReplayIdFormat.NUMERIC);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> cometdOnly.store("/event/A__e", ReplayPosition.afterOpaque(new byte[] { 1 }), null))
			.withMessageContaining("formats()");
	}

}
