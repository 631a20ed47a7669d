package io.github.sfstreaming.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.messaging.handler.annotation.MessageMapping;

/**
 * Marks a bean method as the listener of one or more Salesforce Streaming API channels:
 * <pre>{@code
 * @SalesforceListener("/topic/InvoiceUpdates")
 * void onInvoice(Invoice invoice, @Header(SalesforceHeaders.REPLAY_ID) long replayId) { ... }
 * }</pre>
 *
 * <p>The method's parameters are resolved from the event:
 * <ul>
 * <li>the event itself, typed: {@code StreamingEvent}, or the channel's own type ({@code PushTopicEvent} for
 * {@code /topic/}, {@code GenericEvent} for {@code /u/}, {@code PlatformEvent} for {@code /event/},
 * {@code ChangeEvent} for {@code /data/});</li>
 * <li>{@code JsonNode} or {@code Map}: the message's whole {@code data}; {@code String}: the {@code payload}
 * string of a generic event, the whole {@code data} as JSON text otherwise;</li>
 * <li>any other type: bound with Jackson from the PushTopic {@code sobject} or the platform or change event
 * {@code payload} (unknown properties ignored, names matched case-insensitively);</li>
 * <li>{@code @Header(SalesforceHeaders.X)} parameters, {@code @Headers Map}, and {@code Message<?>}.</li>
 * </ul>
 * One parameter receives the payload; the others must be headers or the message.
 *
 * <p>Events of one channel reach the method one at a time (or in batches, see {@link #batch()}), in replay-id
 * order; an event's replay id is stored only after the method returns. If it throws, the listener's own error
 * handler, if any, then the container's error handler decide: by default it retries with back-off, then logs
 * the event and moves on.
 *
 * <p>Channels, id, error handler, container factory and batch may hold {@code ${...}} placeholders and
 * {@code #{...}} SpEL expressions; an expression may return several channels. Processed by the
 * {@link SalesforceListenerAnnotationBeanPostProcessor}, which {@link EnableSalesforceListeners} (or the
 * Spring Boot auto-configuration) registers. Usable as a meta-annotation, and repeatable: each repetition is a
 * listener of its own, so give them distinct ids.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MessageMapping
@Repeatable(SalesforceListeners.class)
public @interface SalesforceListener {

	/** Alias for {@link #channels()}. */
	@AliasFor("channels")
	String[] value() default {};

	/**
	 * The channels to listen to: {@code /topic/Name}, {@code /u/Name}, {@code /event/Name__e} or
	 * {@code /data/...}.
	 */
	@AliasFor("value")
	String[] channels() default {};

	/**
	 * The listener's id, unique in the application, used to find its container in the
	 * {@link io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry}; default
	 * {@code <beanName>.<methodName>}.
	 */
	String id() default "";

	/** Whether the listener starts with the application; if not, start it through the registry. */
	boolean autoStartup() default true;

	/**
	 * The bean name of this listener's own
	 * {@link io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler}, called when the method throws,
	 * before the container's error handler (retries, recoverer); default none. Naming a
	 * {@link io.github.sfstreaming.spring.listener.ListenerErrorHandler} bean instead still works, deprecated: it
	 * then replaces the container's error handler for this listener.
	 */
	String errorHandler() default "";

	/**
	 * The bean name of the {@link io.github.sfstreaming.spring.config.SalesforceListenerContainerFactory} that
	 * creates this listener's container; default the bean named {@code salesforceListenerContainerFactory}.
	 */
	String containerFactory() default "";

	/**
	 * Whether the method takes a batch of events, {@code "true"} or {@code "false"}; default the container
	 * factory's setting. A batch method has one parameter, a {@code List} of events ({@code List<ChangeEvent>}),
	 * of messages ({@code List<Message<?>>}) or of payloads ({@code List<Invoice>}), and receives up to
	 * {@code salesforce.streaming.listener.batch.max-size} events of one channel at a time, in replay-id order;
	 * their replay ids are stored when it returns. To say which event failed, so that the ones before it count as
	 * handled, it throws a {@link io.github.sfstreaming.spring.listener.BatchListenerFailedException}.
	 */
	String batch() default "";

}
