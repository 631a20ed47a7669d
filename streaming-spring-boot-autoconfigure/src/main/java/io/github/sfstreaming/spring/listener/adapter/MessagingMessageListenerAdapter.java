package io.github.sfstreaming.spring.listener.adapter;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * An {@link EventHandler} that calls a listener method: it wraps the event in a {@link Message} whose payload
 * is the event and whose headers are the {@link SalesforceHeaders}, and lets the
 * {@link InvocableHandlerMethod} resolve the method's arguments from it. Whatever the method returns is
 * ignored; whatever it throws, argument resolution errors included, is rethrown as is.
 * <p>When the method comes from a {@link SalesforceMessageHandlerMethodFactory} and its arguments could be
 * worked out in advance, the event is handed to it without building the message: the arguments are the same.
 */
public class MessagingMessageListenerAdapter implements EventHandler {

	private final InvocableHandlerMethod handlerMethod;

	private final String listenerId;

	/**
	 * Creates an adapter.
	 * @param handlerMethod the listener method, ready to invoke
	 * @param listenerId the listener's id, passed in the {@link SalesforceHeaders#LISTENER_ID} header
	 */
	public MessagingMessageListenerAdapter(InvocableHandlerMethod handlerMethod, String listenerId) {
		this.handlerMethod = handlerMethod;
		this.listenerId = listenerId;
	}

	@Override
	public void handle(StreamingEvent event) throws Exception {
		// A subclass may build its own message: only this class's messages are known to match the prepared path.
		if (this.handlerMethod instanceof PreparedInvocableHandlerMethod prepared
				&& getClass() == MessagingMessageListenerAdapter.class) {
			prepared.invoke(event, this.listenerId, this::toMessage);
		}
		else {
			this.handlerMethod.invoke(toMessage(event));
		}
	}

	/** The listener method this adapter calls. */
	public InvocableHandlerMethod getHandlerMethod() {
		return this.handlerMethod;
	}

	/**
	 * Builds the message handed to the method.
	 * @param event the event
	 * @return a message with the event as payload and every header the event has a value for
	 */
	protected Message<StreamingEvent> toMessage(StreamingEvent event) {
		Map<String, Object> headers = new HashMap<>(16);
		headers.put(SalesforceHeaders.CHANNEL, event.channel());
		headers.put(SalesforceHeaders.REPLAY_ID, event.replayId());
		headers.put(SalesforceHeaders.LISTENER_ID, this.listenerId);
		// absent values stay absent headers
		putIfPresent(headers, SalesforceHeaders.CREATED_DATE, event.createdDate());
		if (event instanceof PushTopicEvent pushTopic) {
			headers.put(SalesforceHeaders.EVENT_TYPE, pushTopic.type());
		}
		else if (event instanceof PlatformEvent platform) {
			putIfPresent(headers, SalesforceHeaders.EVENT_UUID, platform.eventUuid());
			putIfPresent(headers, SalesforceHeaders.SCHEMA, platform.schema());
		}
		else if (event instanceof ChangeEvent change) {
			headers.put(SalesforceHeaders.CHANGE_EVENT_HEADER, change.header());
			headers.put(SalesforceHeaders.CHANGE_TYPE, change.header().changeType());
			putIfPresent(headers, SalesforceHeaders.SCHEMA, change.schema());
		}
		return new GenericMessage<>(event, new EventHeaders(headers));
	}

	private static void putIfPresent(Map<String, Object> headers, String name, @Nullable Object value) {
		if (value != null) {
			headers.put(name, value);
		}
	}

	/**
	 * Headers without the random id and timestamp that {@code MessageBuilder} adds to every message: nothing
	 * reads them here, and generating them was a third of the per-event allocation of this adapter.
	 */
	private static final class EventHeaders extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		EventHeaders(Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}
