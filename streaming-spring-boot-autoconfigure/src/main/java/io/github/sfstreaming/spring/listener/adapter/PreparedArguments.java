package io.github.sfstreaming.spring.listener.adapter;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.validation.Validator;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;

/**
 * A listener method's arguments, worked out once when the method is registered instead of once per event: for
 * each parameter, the header it reads (its name resolved once), the event itself, or the payload bound through
 * a Jackson reader made for its type. Only parameters that Spring's default resolvers would resolve the same
 * way are prepared; for a method with any other parameter there is no preparation, and for an event that does
 * not fit (a header the event lacks, a value of another type, a failed conversion) {@link #resolve} answers
 * {@code null} and the caller goes through the standard resolution, which gives the usual result or error.
 */
final class PreparedArguments {

	private static final Object UNRESOLVED = new Object();

	private final Argument[] arguments;

	private PreparedArguments(Argument[] arguments) {
		this.arguments = arguments;
	}

	/**
	 * The arguments for one event, or {@code null} when one of them needs the standard resolution.
	 * @param event the event
	 * @param listenerId the listener's id, for {@code salesforce_listenerId}
	 * @return the arguments or {@code null}
	 */
	@Nullable Object @Nullable [] resolve(StreamingEvent event, String listenerId) {
		@Nullable Object[] values = new Object[this.arguments.length];
		for (int i = 0; i < values.length; i++) {
			Object value = this.arguments[i].resolve(event, listenerId);
			if (value == UNRESOLVED) {
				return null;
			}
			values[i] = value;
		}
		return values;
	}

	/**
	 * Prepares the arguments of a method, if every parameter can be.
	 * @param parameters the method's parameters
	 * @param converter the factory's message converter
	 * @param customResolvers the factory's custom argument resolvers
	 * @param validator the factory's validator, if any
	 * @param beanFactory resolves {@code ${...}} in header names
	 * @return the prepared arguments, or {@code null} for the standard resolution of every event
	 */
	static @Nullable PreparedArguments prepare(MethodParameter[] parameters, @Nullable MessageConverter converter,
			List<HandlerMethodArgumentResolver> customResolvers, @Nullable Validator validator,
			@Nullable BeanFactory beanFactory) {
		Argument[] arguments = new Argument[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			Argument argument = prepare(parameters[i], converter, customResolvers, validator, beanFactory);
			if (argument == null) {
				return null;
			}
			arguments[i] = argument;
		}
		return new PreparedArguments(arguments);
	}

	private static @Nullable Argument prepare(MethodParameter parameter, @Nullable MessageConverter converter,
			List<HandlerMethodArgumentResolver> customResolvers, @Nullable Validator validator,
			@Nullable BeanFactory beanFactory) {
		Class<?> type = parameter.getParameterType();
		if (type == Optional.class || Message.class.isAssignableFrom(type)
				|| MessageHeaders.class.isAssignableFrom(type) || type.getName().startsWith("kotlin.")) {
			return null;
		}
		for (HandlerMethodArgumentResolver resolver : customResolvers) {
			if (resolver.supportsParameter(parameter)) {
				return null;
			}
		}
		Header header = null;
		Payload payload = null;
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			if (annotation instanceof Header found) {
				header = found;
			}
			else if (annotation instanceof Payload found) {
				payload = found;
			}
			else if (isValidation(annotation) && validator != null) {
				return null;
			}
			else if (annotation.annotationType().getName().startsWith("org.springframework.messaging.")) {
				// @Headers, @DestinationVariable and the like: the standard resolvers know what they mean
				return null;
			}
		}
		if (header != null) {
			return (payload == null) ? header(parameter, header, type, beanFactory) : null;
		}
		if (payload != null && StringUtils.hasText(payload.expression())) {
			return null;
		}
		return payload(parameter, type, converter);
	}

	private static @Nullable Argument header(MethodParameter parameter, Header header, Class<?> type,
			@Nullable BeanFactory beanFactory) {
		// name and value are aliases; a header named by the parameter's name is left to the standard resolver
		String name = StringUtils.hasText(header.name()) ? header.name() : header.value();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if (name.contains("${") && beanFactory instanceof ConfigurableBeanFactory configurable) {
			name = configurable.resolveEmbeddedValue(name);
		}
		if (name == null || name.contains("${") || name.contains("#{") || !EventHeaderValues.isKnown(name)) {
			return null;
		}
		String headerName = name;
		Class<?> valueType = ClassUtils.resolvePrimitiveIfNecessary(type);
		return (event, listenerId) -> {
			Object value = EventHeaderValues.value(headerName, event, listenerId);
			// absent, or of another type: the standard resolver applies the default, converts, or fails
			return (value != null && valueType.isInstance(value)) ? value : UNRESOLVED;
		};
	}

	private static @Nullable Argument payload(MethodParameter parameter, Class<?> type,
			@Nullable MessageConverter converter) {
		if (StreamingEvent.class.isAssignableFrom(type) || type == Object.class) {
			return (event, listenerId) -> type.isInstance(event) ? event : UNRESOLVED;
		}
		if (!(converter instanceof StreamingEventMessageConverter eventConverter)) {
			return null;
		}
		StreamingEventMessageConverter.EventBinder binder = eventConverter.binder(type, parameter);
		return (event, listenerId) -> {
			if (type.isInstance(event)) {
				return event;
			}
			try {
				Object value = binder.bind(event);
				return (value != null) ? value : UNRESOLVED;
			}
			catch (RuntimeException ex) {
				// the standard resolution fails again, with the converter's error naming event and type
				return UNRESOLVED;
			}
		};
	}

	private static boolean isValidation(Annotation annotation) {
		String name = annotation.annotationType().getSimpleName();
		return name.startsWith("Valid");
	}

	@FunctionalInterface
	private interface Argument {

		@Nullable Object resolve(StreamingEvent event, String listenerId);

	}

}
