package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.observation.transport.ReceiverContext;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The {@link ReceiverContext} of one call of a listener with one event. Salesforce events carry no tracing
 * headers, so nothing is propagated from them.
 */
public class SalesforceListenerReceiverContext extends ReceiverContext<StreamingEvent> {

	private final String listenerId;

	private final StreamingEvent event;

	/**
	 * Creates a context.
	 * @param listenerId the listener's id
	 * @param event the event handed to the listener
	 */
	public SalesforceListenerReceiverContext(String listenerId, StreamingEvent event) {
		super((carrier, key) -> null);
		setCarrier(event);
		setRemoteServiceName("Salesforce");
		this.listenerId = listenerId;
		this.event = event;
	}

	/** The listener's id. */
	public String getListenerId() {
		return this.listenerId;
	}

	/** The event. */
	public StreamingEvent getEvent() {
		return this.event;
	}

	/** The event's channel. */
	public String getChannel() {
		return this.event.channel();
	}

}
