package io.github.sfstreaming.spring.listener.adapter;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.BatchEventHandler;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * Calls a batch listener method, whose one parameter is a {@code List}: of events ({@code List<ChangeEvent>},
 * {@code List<StreamingEvent>}), of messages ({@code List<Message<?>>}, each with the headers a single-event
 * listener gets) or of payloads converted like a single-event listener's ({@code List<Invoice>}, {@code
 * List<JsonNode>}). The method's return value is ignored; what it throws, a {@code BatchListenerFailedException}
 * naming the failed event included, is rethrown as is.
 */
public class BatchMessagingMessageListenerAdapter extends MessagingMessageListenerAdapter
		implements BatchEventHandler {

	private enum Elements {

		EVENTS, MESSAGES, PAYLOADS

	}

	private final String listenerId;

	private final MessageConverter messageConverter;

	private final Class<?> elementType;

	private final Elements elements;

	/**
	 * Creates an adapter.
	 * @param handlerMethod the listener method, whose one parameter is a {@code List}
	 * @param listenerId the listener's id
	 * @param messageConverter converts each event to the list's element type, unless that is an event or a message
	 */
	public BatchMessagingMessageListenerAdapter(InvocableHandlerMethod handlerMethod, String listenerId,
			MessageConverter messageConverter) {
		super(handlerMethod, listenerId);
		this.listenerId = listenerId;
		this.messageConverter = messageConverter;
		Method method = handlerMethod.getMethod();
		if (method.getParameterCount() != 1 || !List.class.equals(method.getParameterTypes()[0])) {
			throw new IllegalStateException("Batch listener " + method.getDeclaringClass().getSimpleName() + "."
					+ method.getName() + "(..) must have one parameter, a List");
		}
		ResolvableType element = ResolvableType.forMethodParameter(new MethodParameter(method, 0)).getGeneric(0);
		this.elementType = element.toClass();
		if (Message.class.isAssignableFrom(this.elementType)) {
			this.elements = Elements.MESSAGES;
		}
		else if (StreamingEvent.class.isAssignableFrom(this.elementType)) {
			this.elements = Elements.EVENTS;
		}
		else {
			this.elements = (Object.class.equals(this.elementType)) ? Elements.EVENTS : Elements.PAYLOADS;
		}
	}

	@Override
	public void handle(StreamingEvent event) throws Exception {
		handleBatch(List.of(event));
	}

	@Override
	public void handleBatch(List<StreamingEvent> events) throws Exception {
		List<Object> arguments = new ArrayList<>(events.size());
		for (StreamingEvent event : events) {
			arguments.add(switch (this.elements) {
				case EVENTS -> event;
				case MESSAGES -> toMessage(event);
				case PAYLOADS -> convert(event);
			});
		}
		// The list is a provided argument: it matches the List parameter before any argument resolver is asked.
		Message<List<StreamingEvent>> batch = new GenericMessage<>(events, new MessageHeaders(Map.of(
				SalesforceHeaders.CHANNEL, events.get(0).channel(), SalesforceHeaders.LISTENER_ID, this.listenerId)));
		getHandlerMethod().invoke(batch, arguments);
	}

	private Object convert(StreamingEvent event) {
		Message<StreamingEvent> message = toMessage(event);
		Object payload = this.messageConverter.fromMessage(message, this.elementType);
		if (payload == null) {
			throw new MessageConversionException(message, "Cannot convert event " + event.replayId() + " of channel "
					+ event.channel() + " to " + this.elementType.getName());
		}
		return payload;
	}

}
