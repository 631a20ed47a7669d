package io.github.sfstreaming.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The {@code events()} stream. Unlike a best-effort multicast it never drops: an event goes to each subscriber
 * when that subscriber has demand, and the handler thread waits for that demand, which in turn fills the
 * buffer and pauses polling. Deliveries are serialized, so {@code onNext} runs on a handler thread and the
 * event counts as handled when it returns.
 */
final class EventBroadcaster {

	private final Set<FluxSink<StreamingEvent>> sinks = ConcurrentHashMap.newKeySet();

	private final Object monitor = new Object();

	private volatile boolean closed;

	Flux<StreamingEvent> flux() {
		return Flux.create((sink) -> {
			if (this.closed) {
				sink.complete();
				return;
			}
			sink.onRequest((n) -> wakeUp());
			sink.onDispose(() -> {
				this.sinks.remove(sink);
				wakeUp();
			});
			this.sinks.add(sink);
			wakeUp();
		}, FluxSink.OverflowStrategy.BUFFER);
	}

	/**
	 * Delivers an event to every current subscriber, waiting for their demand.
	 * @param event the event
	 * @param needSubscriber whether to wait until there is at least one subscriber (the channel has no handler)
	 * @param stopping tells when to give up waiting
	 * @return whether the event was delivered as required (false only when it gave up)
	 */
	boolean emit(StreamingEvent event, boolean needSubscriber, BooleanSupplier stopping) throws InterruptedException {
		if (!needSubscriber && this.sinks.isEmpty()) {
			// the usual case, once per event: no stream subscriber and a handler that took the event
			return true;
		}
		synchronized (this.monitor) {
			while (needSubscriber && this.sinks.isEmpty()) {
				if (stopping.getAsBoolean() || this.closed) {
					return false;
				}
				this.monitor.wait(200);
			}
			for (FluxSink<StreamingEvent> sink : Set.copyOf(this.sinks)) {
				while (sink.requestedFromDownstream() <= 0 && !sink.isCancelled()) {
					if (stopping.getAsBoolean() || this.closed) {
						return false;
					}
					this.monitor.wait(200);
				}
				if (!sink.isCancelled()) {
					sink.next(event);
				}
			}
			return true;
		}
	}

	/** Accepts subscribers again after {@link #close}. */
	void open() {
		this.closed = false;
	}

	boolean hasSubscribers() {
		return !this.sinks.isEmpty();
	}

	private void wakeUp() {
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	/** Completes every subscriber, or fails them with {@code error}. */
	void close(@Nullable Throwable error) {
		this.closed = true;
		wakeUp();
		for (FluxSink<StreamingEvent> sink : Set.copyOf(this.sinks)) {
			if (error != null) {
				sink.error(error);
			}
			else {
				sink.complete();
			}
		}
		this.sinks.clear();
	}

}
