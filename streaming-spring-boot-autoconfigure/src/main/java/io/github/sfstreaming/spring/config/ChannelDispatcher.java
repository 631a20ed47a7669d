package io.github.sfstreaming.spring.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;

/**
 * The one handler the registry subscribes for a channel, since the client takes one handler per channel: hands
 * each event to every running listener of the channel in turn. The event is handled when all of them have
 * handled it; if one gives up, the others still get the event and the first failure is rethrown.
 */
final class ChannelDispatcher implements EventHandler {

	private final String channel;

	private final List<ListenerRegistration> listeners = new CopyOnWriteArrayList<>();

	ChannelDispatcher(String channel) {
		this.channel = channel;
	}

	void add(ListenerRegistration listener) {
		this.listeners.add(listener);
	}

	boolean hasRunningListener() {
		return this.listeners.stream().anyMatch(ListenerRegistration::isRunning);
	}

	@Override
	public void handle(StreamingEvent event) throws Exception {
		Exception failure = null;
		boolean handled = false;
		for (ListenerRegistration listener : this.listeners) {
			if (!listener.isRunning()) {
				continue;
			}
			handled = true;
			try {
				listener.container().handle(event);
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (!handled) {
			// Between the last listener stopping and the unsubscription taking effect: leave the event
			// unhandled, so that its replay id is not stored and it is delivered again when a listener starts.
			throw new IllegalStateException("No running listener for event " + event.replayId() + " of channel "
					+ this.channel + "; leaving it unhandled");
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** A listener and whether it runs. */
	static final class ListenerRegistration {

		private final SalesforceListenerContainer container;

		private final String description;

		private volatile boolean running;

		ListenerRegistration(SalesforceListenerContainer container, String description) {
			this.container = container;
			this.description = description;
		}

		String description() {
			return this.description;
		}

		SalesforceListenerContainer container() {
			return this.container;
		}

		boolean isRunning() {
			return this.running;
		}

		void setRunning(boolean running) {
			this.running = running;
		}

	}

}
