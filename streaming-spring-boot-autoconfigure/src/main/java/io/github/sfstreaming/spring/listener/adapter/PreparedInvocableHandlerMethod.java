package io.github.sfstreaming.spring.listener.adapter;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * A listener method whose arguments were worked out once ({@link PreparedArguments}): an event is handed to it
 * without a {@link Message} and without Spring's per-call argument resolution. Whatever does not fit goes to
 * the standard {@link InvocableHandlerMethod} made by the same factory, as does every {@link Message}.
 */
final class PreparedInvocableHandlerMethod extends InvocableHandlerMethod {

	private final InvocableHandlerMethod standard;

	private final PreparedArguments arguments;

	PreparedInvocableHandlerMethod(InvocableHandlerMethod standard, PreparedArguments arguments) {
		super(standard);
		this.standard = standard;
		this.arguments = arguments;
	}

	/**
	 * Calls the method with an event.
	 * @param event the event
	 * @param listenerId the listener's id
	 * @param toMessage the message of the event, for the standard resolution
	 * @return what the method returned
	 * @throws Exception what the method threw, or an argument resolution error
	 */
	@Nullable Object invoke(StreamingEvent event, String listenerId,
			Function<StreamingEvent, Message<?>> toMessage) throws Exception {
		@Nullable Object[] args = this.arguments.resolve(event, listenerId);
		if (args == null) {
			return this.standard.invoke(toMessage.apply(event));
		}
		return doInvoke(args);
	}

	@Override
	public @Nullable Object invoke(Message<?> message, @Nullable Object... providedArgs) throws Exception {
		return this.standard.invoke(message, providedArgs);
	}

}
