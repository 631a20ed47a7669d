package io.github.sfstreaming.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * A handler that records, per channel, the replay ids it handled, in order.
 */
class EventRecorder implements EventHandler {

	private final Map<String, List<Long>> handled = new ConcurrentHashMap<>();

	private final List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());

	@Override
	public void handle(StreamingEvent event) throws Exception {
		this.events.add(event);
		this.handled.computeIfAbsent(event.channel(), (c) -> Collections.synchronizedList(new ArrayList<>()))
			.add(event.replayId());
	}

	List<Long> handled(String channel) {
		List<Long> ids = this.handled.get(channel);
		return (ids != null) ? List.copyOf(ids) : List.of();
	}

	List<StreamingEvent> events() {
		return List.copyOf(this.events);
	}

}
