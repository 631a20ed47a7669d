package io.github.sfstreaming.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.sfstreaming.internal.bayeux.ConnectResult;

/**
 * Hands the events of one connect reply from the thread that reads it to the session thread, which routes them
 * while the rest is still being read; then the reply's outcome. The reading thread only appends, so that it
 * goes straight back to parsing; the session thread takes everything that arrived at once, so that a backlog
 * costs one hand-over per batch, not per event.
 */
final class StreamedReply implements Consumer<JsonNode> {

	private List<JsonNode> events = new ArrayList<>();

	private @Nullable ConnectResult result;

	private @Nullable Throwable failure;

	private boolean done;

	/** Whether the session thread waits, so that the reading thread wakes it only then. */
	private boolean waiting;

	/** How many events were taken. */
	private int taken;

	/** Takes an event of the reply (on the reading thread). Ignored once the reply is over. */
	@Override
	public synchronized void accept(JsonNode event) {
		if (this.done) {
			return;
		}
		this.events.add(event);
		if (this.waiting) {
			notifyAll();
		}
	}

	/** The reply was read whole. */
	synchronized void complete(ConnectResult result) {
		end(result, null);
	}

	/** The reply failed; what was not taken yet is dropped. */
	synchronized void fail(Throwable failure) {
		end(null, failure);
	}

	/** The exchange ended without a result (cancelled by a stop or an interruption of the session). */
	synchronized void completeEmpty() {
		end(null, null);
	}

	private void end(@Nullable ConnectResult result, @Nullable Throwable failure) {
		if (this.done) {
			return;
		}
		this.done = true;
		this.result = result;
		this.failure = failure;
		notifyAll();
	}

	/**
	 * Waits for events or the end of the reply (on the session thread).
	 * @return every event that arrived since the last call, in the order read; {@code null} once the reply is
	 * over and, unless it failed, all its events were taken (a failed reply's remaining events are dropped)
	 */
	synchronized @Nullable List<JsonNode> next() throws InterruptedException {
		while (this.events.isEmpty() && !this.done) {
			this.waiting = true;
			try {
				wait();
			}
			finally {
				this.waiting = false;
			}
		}
		if (this.events.isEmpty() || (this.done && this.result == null)) {
			return null;
		}
		List<JsonNode> batch = this.events;
		this.events = new ArrayList<>();
		this.taken += batch.size();
		return batch;
	}

	/** How many events {@link #next()} returned. */
	synchronized int events() {
		return this.taken;
	}

	/** Why the reply failed, once {@link #next()} returned {@code null}; {@code null} if it did not. */
	synchronized @Nullable Throwable failure() {
		return this.failure;
	}

	/** The reply's result, once {@link #next()} returned {@code null}; {@code null} if there is none. */
	synchronized @Nullable ConnectResult result() {
		return this.result;
	}

}
