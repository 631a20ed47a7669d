package io.github.sfstreaming.spring.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.util.StringUtils;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.SalesforceChannel;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * Checks a listener method's signature against its channels when it is registered, so that mistakes fail the
 * application at startup with a message that says what to fix, rather than every event at runtime.
 */
final class ListenerMethodValidator {

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private ListenerMethodValidator() {
	}

	/**
	 * Validates a method endpoint.
	 * @param endpoint the endpoint, its channels already validated
	 * @param defaultResolversOnly whether its arguments are resolved by the default resolvers only, so that
	 * every parameter that is neither a header nor a message is the payload
	 * @throws IllegalStateException naming the method and what to fix
	 */
	static void validate(MethodSalesforceListenerEndpoint endpoint, boolean defaultResolversOnly) {
		Method method = endpoint.getMethod();
		if (method == null) {
			return;
		}
		List<SalesforceChannel> kinds = new ArrayList<>();
		for (String channel : endpoint.getChannels()) {
			SalesforceChannel kind = SalesforceChannel.of(channel);
			if (kind != null) {
				kinds.add(kind);
			}
		}
		checkReturnType(endpoint, method);
		if (Boolean.TRUE.equals(endpoint.getBatchListener())) {
			checkBatch(endpoint, method, kinds);
			return;
		}
		List<String> payloadParameters = new ArrayList<>();
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(parameterNames);
			Header header = AnnotatedElementUtils.findMergedAnnotation(parameter.getParameter(), Header.class);
			if (header != null) {
				checkHeader(endpoint, parameter, header, kinds);
			}
			else if (parameter.hasParameterAnnotation(Headers.class)) {
				continue;
			}
			else if (Message.class.isAssignableFrom(parameter.getParameterType())) {
				ResolvableType payloadType = ResolvableType.forMethodParameter(parameter).getGeneric(0);
				checkEventType(endpoint, parameter, payloadType.toClass(), kinds);
			}
			else {
				payloadParameters.add(name(parameter));
				checkEventType(endpoint, parameter, parameter.nestedIfOptional().getNestedParameterType(), kinds);
			}
		}
		if (defaultResolversOnly && payloadParameters.size() > 1) {
			throw new IllegalStateException(endpoint.describe() + " has several payload parameters "
					+ payloadParameters + "; a listener method takes one, plus @Header parameters for the headers");
		}
	}

	private static void checkBatch(MethodSalesforceListenerEndpoint endpoint, Method method,
			List<SalesforceChannel> kinds) {
		if (method.getParameterCount() != 1 || !List.class.equals(method.getParameterTypes()[0])) {
			throw new IllegalStateException(endpoint.describe() + " is a batch listener, so it takes one parameter, "
					+ "a List: of events (List<ChangeEvent>), of messages (List<Message<?>>) or of payloads "
					+ "(List<Invoice>)");
		}
		MethodParameter parameter = new MethodParameter(method, 0);
		parameter.initParameterNameDiscovery(parameterNames);
		ResolvableType element = ResolvableType.forMethodParameter(parameter).getGeneric(0);
		Class<?> type = element.toClass();
		if (Message.class.isAssignableFrom(type)) {
			type = element.getGeneric(0).toClass();
		}
		checkEventType(endpoint, parameter, type, kinds);
	}

	private static void checkReturnType(MethodSalesforceListenerEndpoint endpoint, Method method) {
		Class<?> returnType = method.getReturnType();
		if (Publisher.class.isAssignableFrom(returnType) || CompletionStage.class.isAssignableFrom(returnType)
				|| Future.class.isAssignableFrom(returnType)) {
			throw new IllegalStateException(endpoint.describe() + " returns " + returnType.getSimpleName()
					+ ", but an event counts as handled, and its replay id is stored, as soon as the method "
					+ "returns; finish the work in the method and return void");
		}
	}

	private static void checkEventType(MethodSalesforceListenerEndpoint endpoint, MethodParameter parameter,
			Class<?> type, List<SalesforceChannel> kinds) {
		if (!StreamingEvent.class.isAssignableFrom(type)) {
			return;
		}
		for (SalesforceChannel kind : kinds) {
			if (!type.isAssignableFrom(kind.eventType())) {
				throw new IllegalStateException(endpoint.describe() + " has parameter '" + name(parameter)
						+ "' of type " + type.getSimpleName() + ", but channels " + kind.prefix() + "... deliver "
						+ kind.eventType().getSimpleName() + "s; declare it as " + kind.eventType().getSimpleName()
						+ " or StreamingEvent");
			}
		}
	}

	private static void checkHeader(MethodSalesforceListenerEndpoint endpoint, MethodParameter parameter,
			Header header, List<SalesforceChannel> kinds) {
		String name = StringUtils.hasText(header.name()) ? header.name() : name(parameter);
		if (!name.startsWith(SalesforceHeaders.PREFIX) || name.contains("${") || name.contains("#{")) {
			return;
		}
		if (!SalesforceHeaders.ALL.contains(name)) {
			throw new IllegalStateException(endpoint.describe() + " asks for unknown header '" + name
					+ "' in parameter '" + name(parameter) + "'; use a SalesforceHeaders constant");
		}
		boolean required = header.required() && parameter.getParameterType() != Optional.class;
		for (SalesforceChannel kind : kinds) {
			if (required && !kind.headers().contains(name)) {
				throw new IllegalStateException(endpoint.describe() + " asks for header '" + name
						+ "' in parameter '" + name(parameter) + "', which events of channels " + kind.prefix()
						+ "... never have; remove it or declare it @Header(name = ..., required = false)");
			}
		}
	}

	private static String name(MethodParameter parameter) {
		@Nullable String name = parameter.getParameterName();
		return (name != null) ? name : "arg" + parameter.getParameterIndex();
	}

}
