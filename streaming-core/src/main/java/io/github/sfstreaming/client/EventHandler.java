package io.github.sfstreaming.client;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Handles the events of one subscribed channel. The client calls it for one event at a time per channel,
 * in replay-id order, on one of its handler threads, never on the thread that polls Salesforce.
 *
 * <p>An event is <em>handled</em> when this method returns normally: only then is its replay id stored.
 * If it throws, the error is logged and the next events of the channel are still handed on, but the channel's
 * stored replay id stays before the failed event until the client is restarted or the channel subscribed
 * again, which delivers it again (with the events after it): a failed event is never skipped. Retrying and
 * dead-lettering belong in the handler (the Spring Boot starter provides both).
 */
@FunctionalInterface
public interface EventHandler {

	/**
	 * Handles one event.
	 * @param event the event
	 * @throws Exception when the event could not be handled
	 */
	void handle(StreamingEvent event) throws Exception;

}
