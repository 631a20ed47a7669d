package io.github.sfstreaming.spring.listener;

import java.util.Set;

import org.springframework.context.SmartLifecycle;

/**
 * One listener, with a lifecycle of its own, as spring-jms's {@code MessageListenerContainer}: {@link #start()}
 * subscribes its channels (those no other running listener has subscribed), {@link #stop()} unsubscribes those
 * it leaves without a running listener, and {@link #pause()} / {@link #resume()} do the same while it stays
 * running. A channel's stored replay id does not move while it is unsubscribed, so a listener that is the only
 * one on its channels misses nothing: on {@link #start()} or {@link #resume()} Salesforce replays what arrived
 * meanwhile (within its retention window).
 *
 * <p>Get one by id from the
 * {@link io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry#getListenerContainer(String)
 * registry}; containers are created by a
 * {@link io.github.sfstreaming.spring.config.SalesforceListenerContainerFactory}.
 */
public interface SalesforceListenerContainer extends SmartLifecycle {

	/** The listener's id. */
	String getId();

	/** The channels the listener listens to. */
	Set<String> getChannels();

	/** Whether the listener takes its events in batches. */
	boolean isBatchListener();

	/** Stops handing events to the listener, which stays running; see the class description. */
	void pause();

	/** Hands events to the listener again after {@link #pause()}. */
	void resume();

	/** Whether the listener is paused. */
	boolean isPaused();

}
