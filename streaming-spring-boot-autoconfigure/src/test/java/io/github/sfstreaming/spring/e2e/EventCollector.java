package io.github.sfstreaming.spring.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * Listener methods of the test application, one per kind of channel, plus one that fails. What they receive
 * is kept in static lists so that it outlives the application context.
 */
class EventCollector {

	static final String TOPIC = "/topic/InvoiceUpdates";

	static final String GENERIC = "/u/Notifications";

	static final String PLATFORM = "/event/Order__e";

	static final String CHANGE = "/data/AccountChangeEvent";

	static final String FLAKY = "/event/Flaky__e";

	static final List<StreamingEvent> received = new CopyOnWriteArrayList<>();

	/** How many times the flaky listener failed before it succeeds; negative to fail forever. */
	static volatile int flakyFailures;

	static final AtomicInteger flakyAttempts = new AtomicInteger();

	/** What the replay store held for the flaky channel at each attempt. */
	static final List<String> storedDuringFlakyAttempts = new CopyOnWriteArrayList<>();

	private final ReplayStore replayStore;

	EventCollector(ReplayStore replayStore) {
		this.replayStore = replayStore;
	}

	static void clear() {
		received.clear();
		flakyFailures = 0;
		flakyAttempts.set(0);
		storedDuringFlakyAttempts.clear();
	}

	static List<StreamingEvent> receivedOn(String channel) {
		return received.stream().filter((event) -> event.channel().equals(channel)).toList();
	}

	@SalesforceListener(TOPIC)
	void onInvoice(PushTopicEvent event) {
		received.add(event);
	}

	@SalesforceListener(GENERIC)
	void onNotification(GenericEvent event) {
		received.add(event);
	}

	@SalesforceListener(PLATFORM)
	void onOrder(PlatformEvent event) {
		received.add(event);
	}

	@SalesforceListener(CHANGE)
	void onAccountChange(ChangeEvent event) {
		received.add(event);
	}

	@SalesforceListener(FLAKY)
	void onFlaky(PlatformEvent event) {
		int attempt = flakyAttempts.incrementAndGet();
		storedDuringFlakyAttempts
			.add(this.replayStore.lastReplayId(FLAKY).map(ReplayPosition::toString).orElse("none"));
		if (flakyFailures < 0 || attempt <= flakyFailures) {
			throw new IllegalStateException("Flaky listener fails attempt " + attempt);
		}
		received.add(event);
	}

}
