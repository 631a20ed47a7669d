package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the client's session state: the {@link ClientState} with its table of legal transitions, the failure
 * that ended the client, the last error while retrying, and what tells whether polling goes on. Threads wait
 * here for {@link ClientState#CONNECTED}.
 *
 * <p>A transition the table does not allow is refused (and logged at DEBUG), never applied: the session thread
 * and a stopping thread race by design, and the stop must win. For example, once {@code stop()} has moved the
 * state to {@code DISCONNECTING}, the session thread's last {@code RECONNECTING} is refused.
 */
final class StateTracker {

	private static final Logger logger = LoggerFactory.getLogger(StateTracker.class);

	/** From each state, the states it may move to. */
	static final Map<ClientState, Set<ClientState>> TRANSITIONS = transitions();

	private ClientState state = ClientState.STOPPED;

	private @Nullable Throwable failure;

	private @Nullable Throwable lastError;

	private volatile @Nullable Instant lastConnectTime;

	private volatile @Nullable Instant pausedSince;

	private volatile Duration pollWindow = Duration.ofSeconds(125);

	private static Map<ClientState, Set<ClientState>> transitions() {
		Map<ClientState, Set<ClientState>> table = new EnumMap<>(ClientState.class);
		table.put(ClientState.STOPPED, EnumSet.of(ClientState.HANDSHAKING));
		table.put(ClientState.HANDSHAKING, EnumSet.of(ClientState.CONNECTED, ClientState.RECONNECTING,
				ClientState.DISCONNECTING, ClientState.FAILED));
		table.put(ClientState.CONNECTED, EnumSet.of(ClientState.RECONNECTING, ClientState.DISCONNECTING,
				ClientState.FAILED));
		table.put(ClientState.RECONNECTING, EnumSet.of(ClientState.HANDSHAKING, ClientState.CONNECTED,
				ClientState.DISCONNECTING, ClientState.FAILED));
		table.put(ClientState.DISCONNECTING, EnumSet.of(ClientState.STOPPED));
		table.put(ClientState.FAILED, EnumSet.of(ClientState.DISCONNECTING, ClientState.STOPPED));
		return table;
	}

	/** Whether the table allows moving from {@code from} to {@code to}; staying in a state always is. */
	static boolean isAllowed(ClientState from, ClientState to) {
		return from == to || TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
	}

	synchronized ClientState get() {
		return this.state;
	}

	/**
	 * Moves to {@code state} if the table allows it.
	 * @param state the new state
	 * @return whether the client is now in that state
	 */
	synchronized boolean set(ClientState state) {
		if (!isAllowed(this.state, state)) {
			logger.debug("Refused the transition {} -> {}", this.state, state);
			return false;
		}
		this.state = state;
		if (state == ClientState.CONNECTED) {
			this.lastError = null;
		}
		notifyAll();
		return true;
	}

	/** {@code start()}: from stopped (or a stop that did not finish) to handshaking, the last failure forgotten. */
	synchronized void starting() {
		if (this.state != ClientState.STOPPED) {
			throw new IllegalStateException("Cannot start a client that is " + this.state);
		}
		this.state = ClientState.HANDSHAKING;
		this.failure = null;
		this.lastError = null;
		notifyAll();
	}

	synchronized void failed(Throwable failure) {
		if (set(ClientState.FAILED)) {
			this.failure = failure;
		}
	}

	synchronized void lastError(Throwable error) {
		this.lastError = error;
	}

	synchronized @Nullable Throwable failure() {
		return this.failure;
	}

	void connectSucceeded() {
		this.lastConnectTime = Instant.now();
	}

	@Nullable Instant lastConnectTime() {
		return this.lastConnectTime;
	}

	/** Polling waits for handlers from now on ({@code true}), or polls again ({@code false}). */
	void paused(boolean paused) {
		this.pausedSince = paused ? Instant.now() : null;
	}

	/** The longest a healthy poll takes from now on. */
	void pollWindow(Duration window) {
		this.pollWindow = window;
	}

	PollingStatus pollingStatus() {
		return new PollingStatus(this.lastConnectTime, this.pausedSince, this.pollWindow);
	}

	synchronized void awaitConnected(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.state != ClientState.CONNECTED) {
			if (this.state == ClientState.FAILED && this.failure != null) {
				throw asStreamingException(this.failure);
			}
			if (this.state == ClientState.STOPPED || this.state == ClientState.DISCONNECTING) {
				throw new StreamingException("The client is not started; call start() first");
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				if (this.lastError instanceof StreamingException retrying) {
					throw retrying;
				}
				throw new NotConnectedException("Not connected within " + timeout.toMillis() + " ms", null);
			}
			try {
				wait(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StreamingException("Interrupted while waiting to connect", ex);
			}
		}
	}

	/** Throws when the client gave up, was stopped or is stopping. */
	synchronized void checkNotEnded() {
		if (this.state == ClientState.FAILED && this.failure != null) {
			throw asStreamingException(this.failure);
		}
		if (this.state == ClientState.STOPPED || this.state == ClientState.DISCONNECTING) {
			throw new StreamingException("The client was stopped");
		}
	}

	private static StreamingException asStreamingException(Throwable failure) {
		return (failure instanceof StreamingException streaming) ? streaming
				: new StreamingException("The client failed: " + failure, failure);
	}

}
