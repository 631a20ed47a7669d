package io.github.sfstreaming.spring.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.BeanListenerErrorHandler;
import io.github.sfstreaming.spring.config.MethodSalesforceListenerEndpoint;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigurer;
import io.github.sfstreaming.spring.config.SalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistrar;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.ListenerExecutionFailedException;
import io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler;

/**
 * Finds {@link SalesforceListener @SalesforceListener} methods on beans and registers an endpoint for each with a
 * {@link SalesforceListenerEndpointRegistrar}. Once every singleton exists, it lets the
 * {@link SalesforceListenerConfigurer} beans configure the registrar and hands the endpoints to the
 * {@link SalesforceListenerEndpointRegistry} bean named
 * {@value SalesforceListenerConfigUtils#SALESFORCE_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME}, which subscribes them.
 *
 * <p>Channels, ids and error handler names are resolved against the environment ({@code ${...}}) and evaluated
 * as SpEL ({@code #{...}}); a channel expression may return a string, an array or a collection of strings.
 *
 * @see EnableSalesforceListeners
 */
public class SalesforceListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, Ordered, BeanFactoryAware, SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceListenerAnnotationBeanPostProcessor.class);

	private final SalesforceListenerEndpointRegistrar registrar = new SalesforceListenerEndpointRegistrar();

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private @Nullable BeanFactory beanFactory;

	private @Nullable BeanExpressionResolver expressionResolver;

	private @Nullable BeanExpressionContext expressionContext;

	@Override
	public int getOrder() {
		// Last, so that the methods are found on the final bean, proxies included.
		return LOWEST_PRECEDENCE;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.registrar.setBeanFactory(beanFactory);
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.expressionResolver = configurable.getBeanExpressionResolver();
			this.expressionContext = new BeanExpressionContext(configurable, null);
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		if (!AnnotationUtils.isCandidateClass(targetClass, SalesforceListener.class)) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		Map<Method, Set<SalesforceListener>> annotatedMethods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Set<SalesforceListener>>) (method) -> {
					Set<SalesforceListener> listeners = AnnotatedElementUtils.findMergedRepeatableAnnotations(method,
							SalesforceListener.class, SalesforceListeners.class);
					return (!listeners.isEmpty()) ? listeners : null;
				});
		if (annotatedMethods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		annotatedMethods.forEach((method, listeners) -> listeners
			.forEach((listener) -> processListener(listener, method, bean, beanName)));
		logger.debug("{} @SalesforceListener methods processed on bean '{}'", annotatedMethods.size(), beanName);
		return bean;
	}

	/**
	 * Registers an endpoint for one annotated method.
	 * @param listener the method's annotation
	 * @param method the method
	 * @param bean the bean
	 * @param beanName the bean's name
	 */
	protected void processListener(SalesforceListener listener, Method method, Object bean, String beanName) {
		MethodSalesforceListenerEndpoint endpoint = new MethodSalesforceListenerEndpoint();
		endpoint.setBean(bean);
		endpoint.setMethod(AopUtils.selectInvocableMethod(method, bean.getClass()));
		endpoint.setBeanName(beanName);
		String id = resolveString(listener.id(), endpoint, "id");
		endpoint.setId(StringUtils.hasText(id) ? id : beanName + "." + method.getName());
		endpoint.setChannels(resolveChannels(listener, endpoint));
		endpoint.setAutoStartup(listener.autoStartup());
		String errorHandler = resolveString(listener.errorHandler(), endpoint, "errorHandler");
		if (StringUtils.hasText(errorHandler)) {
			setErrorHandler(errorHandler, endpoint);
		}
		endpoint.setBatchListener(resolveBatch(listener.batch(), endpoint));
		String containerFactory = resolveString(listener.containerFactory(), endpoint, "containerFactory");
		this.registrar.registerEndpoint(endpoint,
				StringUtils.hasText(containerFactory) ? containerFactoryBean(containerFactory, endpoint) : null);
	}

	private @Nullable Boolean resolveBatch(String value, MethodSalesforceListenerEndpoint endpoint) {
		String batch = resolveString(value, endpoint, "batch").trim();
		if (batch.isEmpty()) {
			return null;
		}
		if (!batch.equalsIgnoreCase("true") && !batch.equalsIgnoreCase("false")) {
			throw new IllegalStateException(endpoint.describe() + ": attribute 'batch' (" + value + ") resolved to '"
					+ batch + "'; use \"true\" or \"false\"");
		}
		return Boolean.parseBoolean(batch);
	}

	@Override
	public void afterSingletonsInstantiated() {
		Assert.state(this.beanFactory != null, "No BeanFactory set");
		if (this.beanFactory instanceof ListableBeanFactory listable) {
			listable.getBeanProvider(SalesforceListenerConfigurer.class)
				.orderedStream()
				.forEach((configurer) -> configurer.configureListeners(this.registrar));
		}
		if (this.registrar.getEndpointRegistry() == null) {
			this.registrar.setEndpointRegistry(this.beanFactory.getBean(
					SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
					SalesforceListenerEndpointRegistry.class));
		}
		this.registrar.afterPropertiesSet();
		this.nonAnnotatedClasses.clear();
	}

	private List<String> resolveChannels(SalesforceListener listener, MethodSalesforceListenerEndpoint endpoint) {
		List<String> channels = new ArrayList<>();
		for (String channel : listener.channels()) {
			addChannels(channels, resolveExpression(channel), channel, endpoint);
		}
		return channels;
	}

	private void addChannels(List<String> channels, @Nullable Object resolved, String expression,
			MethodSalesforceListenerEndpoint endpoint) {
		if (resolved instanceof String channel) {
			channels.add(channel.trim());
		}
		else if (resolved instanceof String[] array) {
			for (String channel : array) {
				channels.add(channel.trim());
			}
		}
		else if (resolved instanceof Iterable<?> iterable) {
			for (Object element : iterable) {
				addChannels(channels, element, expression, endpoint);
			}
		}
		else {
			throw new IllegalStateException(endpoint.describe() + ": channel expression '" + expression
					+ "' resolved to " + resolved + ", not to a String, a String[] or a collection of Strings");
		}
	}

	private String resolveString(String value, MethodSalesforceListenerEndpoint endpoint, String attribute) {
		Object resolved = resolveExpression(value);
		if (resolved instanceof String string) {
			return string;
		}
		throw new IllegalStateException(endpoint.describe() + ": attribute '" + attribute + "' (" + value
				+ ") resolved to " + resolved + ", not to a String");
	}

	private @Nullable Object resolveExpression(String value) {
		String resolved = value;
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
			resolved = configurable.resolveEmbeddedValue(value);
		}
		if (resolved == null || this.expressionResolver == null || this.expressionContext == null) {
			return resolved;
		}
		return this.expressionResolver.evaluate(resolved, this.expressionContext);
	}

	// Beans are looked up on first use rather than now: they may not exist yet, and creating them from a
	// post-processor would deprive them of post-processing.
	@SuppressWarnings("removal")
	private void setErrorHandler(String name, MethodSalesforceListenerEndpoint endpoint) {
		BeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory set");
		if (beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, SalesforceListenerErrorHandler.class)) {
			endpoint.setListenerErrorHandler(new SalesforceListenerErrorHandler() {

				@Override
				public void handleError(StreamingEvent event, ListenerExecutionFailedException exception)
						throws Exception {
					beanFactory.getBean(name, SalesforceListenerErrorHandler.class).handleError(event, exception);
				}

				@Override
				public void handleBatchError(List<StreamingEvent> events, ListenerExecutionFailedException exception)
						throws Exception {
					beanFactory.getBean(name, SalesforceListenerErrorHandler.class).handleBatchError(events,
							exception);
				}

			});
		}
		else if (beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, ListenerErrorHandler.class)) {
			logger.warn("{} names errorHandler '{}', a ListenerErrorHandler: deprecated, it replaces the container's "
					+ "error handler for this listener; name a SalesforceListenerErrorHandler, or give the listener its "
					+ "own containerFactory", endpoint.describe(), name);
			endpoint.setErrorHandler(new BeanListenerErrorHandler(beanFactory, name));
		}
		else {
			throw new IllegalStateException(endpoint.describe() + " names errorHandler '" + name
					+ "', but there is no SalesforceListenerErrorHandler bean of that name");
		}
	}

	private SalesforceListenerContainerFactory containerFactoryBean(String name,
			MethodSalesforceListenerEndpoint endpoint) {
		BeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory set");
		if (!beanFactory.containsBean(name)
				|| !beanFactory.isTypeMatch(name, SalesforceListenerContainerFactory.class)) {
			throw new IllegalStateException(endpoint.describe() + " names containerFactory '" + name
					+ "', but there is no SalesforceListenerContainerFactory bean of that name");
		}
		return (candidate, methodFactory) -> beanFactory.getBean(name, SalesforceListenerContainerFactory.class)
			.createListenerContainer(candidate, methodFactory);
	}

}
