package io.github.sfstreaming.spring.listener.adapter;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * The value of one {@link SalesforceHeaders} header for an event, read from the event directly: what
 * {@link MessagingMessageListenerAdapter#toMessage(StreamingEvent)} puts in the message, without building it.
 */
final class EventHeaderValues {

	private EventHeaderValues() {
	}

	/** Whether {@link #value} knows the header: one of {@link SalesforceHeaders#ALL}. */
	static boolean isKnown(String name) {
		return SalesforceHeaders.ALL.contains(name);
	}

	/**
	 * The header's value, or {@code null} when the event has none (the message would not have the header).
	 * @param name a name of {@link SalesforceHeaders#ALL}
	 * @param event the event
	 * @param listenerId the listener's id
	 * @return the value or {@code null}
	 */
	static @Nullable Object value(String name, StreamingEvent event, String listenerId) {
		return switch (name) {
			case SalesforceHeaders.CHANNEL -> event.channel();
			case SalesforceHeaders.REPLAY_ID -> event.replayId();
			case SalesforceHeaders.LISTENER_ID -> listenerId;
			case SalesforceHeaders.CREATED_DATE -> event.createdDate();
			case SalesforceHeaders.EVENT_TYPE -> (event instanceof PushTopicEvent pushTopic) ? pushTopic.type() : null;
			case SalesforceHeaders.EVENT_UUID -> (event instanceof PlatformEvent platform) ? platform.eventUuid() : null;
			case SalesforceHeaders.SCHEMA -> (event instanceof PlatformEvent platform) ? platform.schema()
					: (event instanceof ChangeEvent change) ? change.schema() : null;
			case SalesforceHeaders.CHANGE_EVENT_HEADER -> (event instanceof ChangeEvent change) ? change.header() : null;
			case SalesforceHeaders.CHANGE_TYPE -> (event instanceof ChangeEvent change) ? change.header().changeType()
					: null;
			default -> null;
		};
	}

}
