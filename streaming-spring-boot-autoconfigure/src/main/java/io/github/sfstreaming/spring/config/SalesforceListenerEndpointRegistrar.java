package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.Assert;
import org.springframework.validation.Validator;

import io.github.sfstreaming.spring.listener.adapter.SalesforceMessageHandlerMethodFactory;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;

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
 */
public class SalesforceListenerEndpointRegistrar implements BeanFactoryAware, InitializingBean {

	private final List<SalesforceListenerEndpoint> endpoints = new ArrayList<>();

	private @Nullable SalesforceListenerEndpointRegistry endpointRegistry;

	private @Nullable MessageHandlerMethodFactory messageHandlerMethodFactory;

	private List<HandlerMethodArgumentResolver> customMethodArgumentResolvers = new ArrayList<>();

	private @Nullable Validator validator;

	private @Nullable ObjectMapper jsonMapper;

	private @Nullable BeanFactory beanFactory;

	private @Nullable MessageHandlerMethodFactory effectiveFactory;

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
	 * Registers an endpoint: kept until the application has started, handed to the registry at once after.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(SalesforceListenerEndpoint endpoint) {
		Assert.notNull(endpoint, "Endpoint must not be null");
		synchronized (this.endpoints) {
			if (this.startImmediately) {
				register(endpoint);
			}
			else {
				this.endpoints.add(endpoint);
			}
		}
	}

	@Override
	public void afterPropertiesSet() {
		synchronized (this.endpoints) {
			for (SalesforceListenerEndpoint endpoint : this.endpoints) {
				register(endpoint);
			}
			this.endpoints.clear();
			this.startImmediately = true;
		}
	}

	private void register(SalesforceListenerEndpoint endpoint) {
		Assert.state(this.endpointRegistry != null, "No SalesforceListenerEndpointRegistry set");
		MessageHandlerMethodFactory factory = getMessageHandlerMethodFactory();
		SalesforceListenerEndpointRegistry.validateChannels(endpoint);
		if (endpoint instanceof MethodSalesforceListenerEndpoint methodEndpoint) {
			ListenerMethodValidator.validate(methodEndpoint,
					this.defaultFactory && this.customMethodArgumentResolvers.isEmpty());
		}
		this.endpointRegistry.registerListener(endpoint, factory);
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

}
