package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;

/**
 * Stands in for the streaming client: keeps the handler of each subscribed channel, one per channel as the client
 * does, and delivers events to it.
 */
public class FakeChannelSubscriber implements ChannelSubscriber {

	private final Map<String, EventHandler> handlers = new LinkedHashMap<>();

	private final List<String> log = new ArrayList<>();

	@Override
	public synchronized Mono<Void> subscribe(String channel, EventHandler handler) {
		this.handlers.put(channel, handler);
		this.log.add("subscribe " + channel);
		return Mono.empty();
	}

	@Override
	public synchronized Mono<Void> unsubscribe(String channel) {
		this.handlers.remove(channel);
		this.log.add("unsubscribe " + channel);
		return Mono.empty();
	}

	public synchronized @Nullable EventHandler handler(String channel) {
		return this.handlers.get(channel);
	}

	public synchronized boolean isSubscribed(String channel) {
		return this.handlers.containsKey(channel);
	}

	/** Every subscribe and unsubscribe call, in order. */
	public synchronized List<String> log() {
		return List.copyOf(this.log);
	}

	/** Delivers an event as the client would: to its channel's handler, failing if there is none. */
	public void deliver(StreamingEvent event) throws Exception {
		EventHandler handler = handler(event.channel());
		if (handler == null) {
			throw new IllegalStateException("Channel " + event.channel() + " is not subscribed");
		}
		handler.handle(event);
	}

}
