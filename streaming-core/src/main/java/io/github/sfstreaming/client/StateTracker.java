package io.github.sfstreaming.client;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The client's state, its failure and the time of the last successful connect, with a way to wait for
 * {@link ClientState#CONNECTED}.
 */
final class StateTracker {

	private ClientState state = ClientState.STOPPED;

	private @Nullable Throwable failure;

	private @Nullable Throwable lastError;

	private volatile @Nullable Instant lastConnectTime;

	private volatile @Nullable Instant pausedSince;

	private volatile Duration pollWindow = Duration.ofSeconds(125);

	synchronized ClientState get() {
		return this.state;
	}

	synchronized void set(ClientState state) {
		if (this.state == ClientState.FAILED && state != ClientState.STOPPED && state != ClientState.DISCONNECTING) {
			return;
		}
		this.state = state;
		if (state == ClientState.CONNECTED) {
			this.lastError = null;
		}
		notifyAll();
	}

	synchronized void starting() {
		this.state = ClientState.HANDSHAKING;
		this.failure = null;
		this.lastError = null;
		notifyAll();
	}

	synchronized void failed(Throwable failure) {
		this.failure = failure;
		this.state = ClientState.FAILED;
		notifyAll();
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
