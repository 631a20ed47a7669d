package io.github.sfstreaming.spring.support.converter;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.util.ClassUtils;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;

/**
 * Converts a message whose payload is a {@link StreamingEvent} to what a listener parameter asks for:
 * <ul>
 * <li>the event itself, for a parameter of its type or a supertype ({@code StreamingEvent}, {@code Object});
 * a parameter of another event type is a conversion error;</li>
 * <li>{@link JsonNode}: the message's whole {@code data};</li>
 * <li>{@link Map}: the whole {@code data} as a map;</li>
 * <li>{@link String}: the {@code payload} string of a generic ({@code /u/}) event, the whole {@code data} as
 * JSON text for the other kinds;</li>
 * <li>any other type: bound with Jackson from the PushTopic {@code sobject}, the platform or change event
 * {@code payload}, or the generic event's {@code payload} string parsed as JSON. Unknown properties are
 * ignored and property names match case-insensitively, so {@code Name} fills a {@code name} property.</li>
 * </ul>
 * Failures are {@link MessageConversionException}s, which retrying cannot fix.
 * <p>How each target is bound is worked out once per parameter (or class) and kept: the generic type, and a
 * Jackson {@link ObjectReader} for it, which binds from the event's already parsed tree.
 */
public class StreamingEventMessageConverter implements SmartMessageConverter {

	private final ObjectMapper jsonMapper;

	/** Per {@link MethodParameter} hint (or target class without one): how to bind. */
	private final ConcurrentMap<Object, EventBinder> binders = new ConcurrentHashMap<>();

	/** Creates a converter with a default {@link JsonMapper}. */
	public StreamingEventMessageConverter() {
		this(JsonMapper.builder().build());
	}

	/**
	 * Creates a converter that binds with a copy of the given mapper, changed to ignore unknown properties
	 * and to match property names case-insensitively.
	 * @param jsonMapper the application's mapper (its modules and other settings apply)
	 */
	public StreamingEventMessageConverter(ObjectMapper jsonMapper) {
		this.jsonMapper = jsonMapper.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
			.build();
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		if (!(message.getPayload() instanceof StreamingEvent event)) {
			return null;
		}
		if (targetClass.isInstance(event)) {
			return event;
		}
		if (StreamingEvent.class.isAssignableFrom(targetClass)) {
			throw new MessageConversionException(message, "Cannot pass a " + event.getClass().getSimpleName()
					+ " of channel " + event.channel() + " to a parameter of type " + targetClass.getSimpleName()
					+ "; declare the parameter as " + event.getClass().getSimpleName() + " or StreamingEvent");
		}
		try {
			return binder(targetClass, conversionHint).bind(event);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new MessageConversionException(message, "Cannot convert event " + event.replayId()
					+ " of channel " + event.channel() + " to " + targetClass.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * How to bind events to a target, worked out once per parameter and kept: for listener invokers that know
	 * their parameters in advance. Unlike {@link #fromMessage(Message, Class, Object)}, the binder passes the
	 * event itself only when it is an instance of the target class, and its failures are Jackson's or
	 * {@link IllegalArgumentException}s, not {@link MessageConversionException}s.
	 * @param targetClass the class to bind to, not a {@link StreamingEvent}
	 * @param conversionHint the {@link MethodParameter}, whose generic type is used, or {@code null}
	 * @return the binder
	 */
	public EventBinder binder(Class<?> targetClass, @Nullable Object conversionHint) {
		Object key = (conversionHint instanceof MethodParameter) ? conversionHint : targetClass;
		EventBinder binder = this.binders.get(key);
		if (binder == null || binder.targetClass != targetClass) {
			binder = new EventBinder(targetClass, targetType(targetClass, conversionHint));
			this.binders.put(key, binder);
		}
		return binder;
	}

	private JsonNode source(StreamingEvent event) {
		if (event instanceof PushTopicEvent pushTopic) {
			return pushTopic.sobject();
		}
		if (event instanceof PlatformEvent platform) {
			return platform.payload();
		}
		if (event instanceof ChangeEvent change) {
			return change.payload();
		}
		return this.jsonMapper.readTree(((GenericEvent) event).payload());
	}

	/**
	 * The generic type to bind to: the parameter's, unwrapped from {@code Optional} or {@code Message},
	 * so that {@code List<Line>} or {@code Map<String, Object>} bind with their element types.
	 */
	private static Type targetType(Class<?> targetClass, @Nullable Object conversionHint) {
		if (conversionHint instanceof MethodParameter parameter) {
			ResolvableType type = ResolvableType.forMethodParameter(parameter);
			if (type.toClass() == Optional.class || Message.class.isAssignableFrom(type.toClass())) {
				type = type.getGeneric(0);
			}
			if (ClassUtils.isAssignable(targetClass, type.toClass())) {
				return type.getType();
			}
		}
		return targetClass;
	}

	/**
	 * Binds events to one target type; made once per listener parameter by {@link #binder(Class, Object)}.
	 */
	public final class EventBinder {

		private final Class<?> targetClass;

		private final @Nullable ObjectReader reader;

		private final @Nullable JavaType javaType;

		EventBinder(Class<?> targetClass, Type targetType) {
			this.targetClass = targetClass;
			ObjectMapper mapper = StreamingEventMessageConverter.this.jsonMapper;
			boolean bound = !JsonNode.class.isAssignableFrom(targetClass) && targetClass != String.class;
			this.javaType = bound ? mapper.constructType(targetType) : null;
			this.reader = (bound && !Map.class.isAssignableFrom(targetClass)) ? mapper.readerFor(this.javaType)
					: null;
		}

		/**
		 * Binds one event.
		 * @param event the event
		 * @return the value for the parameter
		 */
		public @Nullable Object bind(StreamingEvent event) {
			ObjectMapper mapper = StreamingEventMessageConverter.this.jsonMapper;
			if (this.reader != null) {
				return this.reader.readValue(source(event));
			}
			if (JsonNode.class.isAssignableFrom(this.targetClass)) {
				// A JsonNode subtype such as ObjectNode gets the data only if it is one; null fails the call.
				return (this.targetClass.isInstance(event.data()) ? event.data() : null);
			}
			if (this.targetClass == String.class) {
				return (event instanceof GenericEvent generic) ? generic.payload()
						: mapper.writeValueAsString(event.data());
			}
			return mapper.convertValue(event.data(), this.javaType);
		}

	}

	/** Not supported: this converter only reads events. */
	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return null;
	}

	/** Not supported: this converter only reads events. */
	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		return null;
	}

}
