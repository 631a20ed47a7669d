package io.github.sfstreaming.spring.listener.adapter;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;

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
		this.handlerMethod.invoke(toMessage(event));
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
		MessageBuilder<StreamingEvent> builder = MessageBuilder.withPayload(event)
			.setHeader(SalesforceHeaders.CHANNEL, event.channel())
			.setHeader(SalesforceHeaders.REPLAY_ID, event.replayId())
			.setHeader(SalesforceHeaders.LISTENER_ID, this.listenerId)
			// setHeader ignores null values, so absent values stay absent headers.
			.setHeader(SalesforceHeaders.CREATED_DATE, event.createdDate());
		if (event instanceof PushTopicEvent pushTopic) {
			builder.setHeader(SalesforceHeaders.EVENT_TYPE, pushTopic.type());
		}
		else if (event instanceof PlatformEvent platform) {
			builder.setHeader(SalesforceHeaders.EVENT_UUID, platform.eventUuid())
				.setHeader(SalesforceHeaders.SCHEMA, platform.schema());
		}
		else if (event instanceof ChangeEvent change) {
			builder.setHeader(SalesforceHeaders.CHANGE_EVENT_HEADER, change.header())
				.setHeader(SalesforceHeaders.CHANGE_TYPE, change.header().changeType())
				.setHeader(SalesforceHeaders.SCHEMA, change.schema());
		}
		return builder.build();
	}

}
