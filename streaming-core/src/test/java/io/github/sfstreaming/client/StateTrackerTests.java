package io.github.sfstreaming.client;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client's state machine: its transition table and what it refuses.
 */
class StateTrackerTests {

	@Test
	void everyStateHasARowAndAStoppedClientCanOnlyStart() {
		assertThat(StateTracker.TRANSITIONS).containsOnlyKeys(EnumSet.allOf(ClientState.class));
		assertThat(StateTracker.TRANSITIONS.get(ClientState.STOPPED)).containsExactly(ClientState.HANDSHAKING);
	}

	@Test
	void aStopWinsOverTheSessionThread() {
		StateTracker state = new StateTracker();
		state.starting();
		assertThat(state.set(ClientState.CONNECTED)).isTrue();
		assertThat(state.set(ClientState.DISCONNECTING)).isTrue();
		// the session thread, not yet aware of the stop, reports a lost session: refused
		assertThat(state.set(ClientState.RECONNECTING)).isFalse();
		assertThat(state.set(ClientState.HANDSHAKING)).isFalse();
		assertThat(state.get()).isEqualTo(ClientState.DISCONNECTING);
		assertThat(state.set(ClientState.STOPPED)).isTrue();
	}

	@Test
	void aFailedClientStaysFailedUntilStopped() {
		StateTracker state = new StateTracker();
		state.starting();
		state.failed(new StreamingException("refused"));
		assertThat(state.set(ClientState.CONNECTED)).isFalse();
		assertThat(state.set(ClientState.RECONNECTING)).isFalse();
		assertThat(state.get()).isEqualTo(ClientState.FAILED);
		assertThat(state.failure()).hasMessage("refused");
		assertThat(state.set(ClientState.DISCONNECTING)).isTrue();
	}

	@Test
	void aClientThatIsNotStoppedCannotStartAgain() {
		StateTracker state = new StateTracker();
		state.starting();
		assertThatIllegalStateException().isThrownBy(state::starting).withMessageContaining("HANDSHAKING");
	}

	@Test
	void connectedIsReachedOnlyThroughAHandshakeOrARetry() {
		for (ClientState from : ClientState.values()) {
			boolean allowed = StateTracker.isAllowed(from, ClientState.CONNECTED);
			assertThat(allowed).as("%s -> CONNECTED", from)
				.isEqualTo(EnumSet.of(ClientState.HANDSHAKING, ClientState.RECONNECTING, ClientState.CONNECTED)
					.contains(from));
		}
	}

}
