package io.github.sfstreaming.spring.config;

import reactor.core.publisher.Mono;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.client.SalesforceStreamingClient;

/**
 * What the {@link SalesforceListenerEndpointRegistry} needs from the streaming client: subscribing a channel to a
 * handler and unsubscribing it. The registry adapts the {@link SalesforceStreamingClient} bean to this; define a
 * bean of this type to put something else in between.
 */
public interface ChannelSubscriber {

	/**
	 * Subscribes a channel, replacing its handler if it has one.
	 * @param channel the channel
	 * @param handler its handler
	 * @return completes when the subscription is confirmed
	 */
	Mono<Void> subscribe(String channel, EventHandler handler);

	/**
	 * Unsubscribes a channel.
	 * @param channel the channel
	 * @return completes when the unsubscription is confirmed
	 */
	Mono<Void> unsubscribe(String channel);

	/**
	 * Adapts a streaming client.
	 * @param client the client
	 * @return a subscriber that delegates to it
	 */
	static ChannelSubscriber of(SalesforceStreamingClient client) {
		return new ChannelSubscriber() {

			@Override
			public Mono<Void> subscribe(String channel, EventHandler handler) {
				return client.subscribe(channel, handler);
			}

			@Override
			public Mono<Void> unsubscribe(String channel) {
				return client.unsubscribe(channel);
			}

		};
	}

}
