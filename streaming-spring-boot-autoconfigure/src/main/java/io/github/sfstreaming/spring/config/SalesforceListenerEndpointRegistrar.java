package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.Assert;
import org.springframework.validation.Validator;

import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.EventRecoverer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;
import io.github.sfstreaming.spring.listener.adapter.SalesforceMessageHandlerMethodFactory;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;

/**
 * Collects the listener endpoints found at startup and hands them to the
 * {@link SalesforceListenerEndpointRegistry} once every singleton exists; endpoints registered after that go to
 * the registry at once. {@link SalesforceListenerConfigurer}s receive it to register endpoints in code and to
 * configure how listener methods are called.
 *
 * <p>Listener methods are called through a {@link MessageHandlerMethodFactory}: the one set here, else a bean
 * named {@value SalesforceListenerConfigUtils#SALESFORCE_LISTENER_MESSAGE_HANDLER_METHOD_FACTORY_BEAN_NAME},
 * else a {@link DefaultMessageHandlerMethodFactory} with a {@link StreamingEventMessageConverter} on the
 * application's Jackson {@link ObjectMapper} (or a default one), the custom argument resolvers and the validator.
 *
 * <p>Each endpoint is checked when it is registered: its channels, its method's signature, and each channel
 * against every {@link ListenerChannelValidator} bean.
 */
public class SalesforceListenerEndpointRegistrar implements BeanFactoryAware, InitializingBean {

	private final List<EndpointAndFactory> endpoints = new ArrayList<>();

	private @Nullable SalesforceListenerContainerFactory containerFactory;

	private @Nullable SalesforceListenerContainerFactory defaultContainerFactory;

	private @Nullable SalesforceListenerEndpointRegistry endpointRegistry;

	private @Nullable MessageHandlerMethodFactory messageHandlerMethodFactory;

	private List<HandlerMethodArgumentResolver> customMethodArgumentResolvers = new ArrayList<>();

	private @Nullable Validator validator;

	private @Nullable ObjectMapper jsonMapper;

	private @Nullable BeanFactory beanFactory;

	private @Nullable MessageHandlerMethodFactory effectiveFactory;

	private @Nullable StreamingEventMessageConverter batchPayloadConverter;

	private boolean defaultFactory;

	private boolean startImmediately;

	/**
	 * Sets the registry the endpoints go to.
	 * @param endpointRegistry the registry
	 */
	public void setEndpointRegistry(@Nullable SalesforceListenerEndpointRegistry endpointRegistry) {
		this.endpointRegistry = endpointRegistry;
	}

	/** The registry the endpoints go to, if set. */
	public @Nullable SalesforceListenerEndpointRegistry getEndpointRegistry() {
		return this.endpointRegistry;
	}

	/**
	 * Sets the container factory of endpoints registered without one, instead of the bean named
	 * {@value SalesforceListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME} (see
	 * {@link #getDefaultContainerFactory()}).
	 * @param containerFactory the factory
	 */
	public void setContainerFactory(@Nullable SalesforceListenerContainerFactory containerFactory) {
		this.containerFactory = containerFactory;
	}

	/**
	 * Sets the factory that makes listener methods callable, replacing the default one; it must be able to
	 * resolve arguments from a message whose payload is a {@code StreamingEvent}.
	 * @param messageHandlerMethodFactory the factory
	 */
	public void setMessageHandlerMethodFactory(@Nullable MessageHandlerMethodFactory messageHandlerMethodFactory) {
		this.messageHandlerMethodFactory = messageHandlerMethodFactory;
	}

	/**
	 * Adds argument resolvers to the default factory, consulted before the payload resolver.
	 * @param resolvers the resolvers
	 */
	public void setCustomMethodArgumentResolvers(HandlerMethodArgumentResolver... resolvers) {
		this.customMethodArgumentResolvers = List.of(resolvers);
	}

	/**
	 * Sets the validator the default factory applies to {@code @Valid} or {@code @Validated} payload parameters.
	 * @param validator the validator
	 */
	public void setValidator(@Nullable Validator validator) {
		this.validator = validator;
	}

	/**
	 * Sets the Jackson mapper the default factory binds payloads with; default: the application's only
	 * {@link ObjectMapper} bean, or a default {@code JsonMapper}.
	 * @param jsonMapper the mapper
	 */
	public void setJsonMapper(@Nullable ObjectMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Registers an endpoint with the default container factory.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(SalesforceListenerEndpoint endpoint) {
		registerEndpoint(endpoint, null);
	}

	/**
	 * Registers an endpoint: kept until every singleton exists, handed to the registry at once after (and started
	 * then if it starts automatically).
	 * @param endpoint the endpoint
	 * @param containerFactory the factory of its container, or {@code null} for the default one
	 */
	public void registerEndpoint(SalesforceListenerEndpoint endpoint,
			@Nullable SalesforceListenerContainerFactory containerFactory) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		synchronized (this.endpoints) {
			EndpointAndFactory registration = new EndpointAndFactory(endpoint, containerFactory);
			if (this.startImmediately) {
				register(registration);
			}
			else {
				this.endpoints.add(registration);
			}
		}
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (this.endpoints) {
			for (EndpointAndFactory registration : this.endpoints) {
				register(registration);
			}
			this.endpoints.clear();
			this.startImmediately = true;
		}
	}

	private void register(EndpointAndFactory registration) {
		SalesforceListenerEndpointRegistry registry = this.endpointRegistry;
		Assert.state(registry != null, "No SalesforceListenerEndpointRegistry set");
		SalesforceListenerEndpoint endpoint = registration.endpoint();
		MessageHandlerMethodFactory factory = getMessageHandlerMethodFactory();
		SalesforceListenerEndpointRegistry.validateChannels(endpoint);
		if (endpoint instanceof MethodSalesforceListenerEndpoint methodEndpoint) {
			ListenerMethodValidator.validate(methodEndpoint,
					this.defaultFactory && this.customMethodArgumentResolvers.isEmpty());
			if (this.batchPayloadConverter == null) {
				this.batchPayloadConverter = new StreamingEventMessageConverter(resolveJsonMapper());
			}
			methodEndpoint.setMessageConverter(this.batchPayloadConverter);
		}
		if (this.beanFactory != null) {
			this.beanFactory.getBeanProvider(ListenerChannelValidator.class)
				.orderedStream()
				.forEach((validator) -> endpoint.getChannels()
					.forEach((channel) -> validator.validate(endpoint, channel)));
		}
		SalesforceListenerContainerFactory containerFactory = registration.containerFactory();
		if (containerFactory == null) {
			containerFactory = (this.containerFactory != null) ? this.containerFactory : getDefaultContainerFactory();
		}
		registry.registerListenerContainer(endpoint, containerFactory, factory, this.startImmediately);
	}

	/**
	 * The container factory of endpoints registered without one when none is {@link #setContainerFactory set}:
	 * the bean named {@value SalesforceListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME} (Spring Boot
	 * defines one), else, for {@code @EnableSalesforceListeners} without Boot, a
	 * {@link DefaultSalesforceListenerContainerFactory} with the only {@link ListenerErrorHandler} bean (else no
	 * retries and the only {@link EventRecoverer} bean or a {@link LoggingEventRecoverer}), observed with the only
	 * {@link ObservationRegistry} and {@link SalesforceListenerObservationConvention} beans, if any.
	 * @return the factory
	 */
	public SalesforceListenerContainerFactory getDefaultContainerFactory() {
		if (this.defaultContainerFactory == null) {
			this.defaultContainerFactory = resolveDefaultContainerFactory();
		}
		return this.defaultContainerFactory;
	}

	private SalesforceListenerContainerFactory resolveDefaultContainerFactory() {
		String name = SalesforceListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME;
		BeanFactory beanFactory = this.beanFactory;
		if (beanFactory != null && beanFactory.containsBean(name)) {
			return beanFactory.getBean(name, SalesforceListenerContainerFactory.class);
		}
		DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
		if (beanFactory != null) {
			ListenerErrorHandler errorHandler = beanFactory.getBeanProvider(ListenerErrorHandler.class).getIfUnique();
			if (errorHandler == null) {
				EventRecoverer recoverer = beanFactory.getBeanProvider(EventRecoverer.class)
					.getIfUnique(LoggingEventRecoverer::new);
				errorHandler = new DefaultListenerErrorHandler(RetryPolicy.withMaxRetries(0), recoverer);
			}
			factory.setErrorHandler(errorHandler);
			factory.setObservationRegistry(beanFactory.getBeanProvider(ObservationRegistry.class)
				.getIfUnique(() -> ObservationRegistry.NOOP));
			factory.setObservationConvention(
					beanFactory.getBeanProvider(SalesforceListenerObservationConvention.class).getIfUnique());
		}
		return factory;
	}

	/** The factory listener methods are called through, created on first use. */
	public MessageHandlerMethodFactory getMessageHandlerMethodFactory() {
		if (this.effectiveFactory == null) {
			this.effectiveFactory = resolveMessageHandlerMethodFactory();
		}
		return this.effectiveFactory;
	}

	private MessageHandlerMethodFactory resolveMessageHandlerMethodFactory() {
		if (this.messageHandlerMethodFactory != null) {
			return this.messageHandlerMethodFactory;
		}
		String name = SalesforceListenerConfigUtils.SALESFORCE_LISTENER_MESSAGE_HANDLER_METHOD_FACTORY_BEAN_NAME;
		if (this.beanFactory != null && this.beanFactory.containsBean(name)) {
			return this.beanFactory.getBean(name, MessageHandlerMethodFactory.class);
		}
		this.defaultFactory = true;
		DefaultMessageHandlerMethodFactory factory = new SalesforceMessageHandlerMethodFactory();
		factory.setMessageConverter(new StreamingEventMessageConverter(resolveJsonMapper()));
		factory.setCustomArgumentResolvers(this.customMethodArgumentResolvers);
		if (this.validator != null) {
			factory.setValidator(this.validator);
		}
		if (this.beanFactory != null) {
			// Lets @Header names use ${...} placeholders.
			factory.setBeanFactory(this.beanFactory);
		}
		factory.afterPropertiesSet();
		return factory;
	}

	private ObjectMapper resolveJsonMapper() {
		if (this.jsonMapper != null) {
			return this.jsonMapper;
		}
		ObjectMapper mapper = (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(ObjectMapper.class).getIfUnique() : null;
		return (mapper != null) ? mapper : JsonMapper.builder().build();
	}

	private record EndpointAndFactory(SalesforceListenerEndpoint endpoint,
			@Nullable SalesforceListenerContainerFactory containerFactory) {
	}

}
