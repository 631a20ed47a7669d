package io.github.sfstreaming.spring.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the application events about a Salesforce Streaming API client. The source is the
 * {@link io.github.sfstreaming.client.SalesforceStreamingClient}, or the publisher when the client is not known.
 * Events are published on the client's own threads; a listener that takes time should hand the work off.
 */
public abstract class SalesforceStreamingEvent extends ApplicationEvent {

	/**
	 * Creates an event.
	 * @param source the client that the event is about
	 */
	protected SalesforceStreamingEvent(Object source) {
		super(source);
	}

}
