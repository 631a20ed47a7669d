package io.github.sfstreaming.spring.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.retry.RetryPolicySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.spring.annotation.EnableSalesforceListeners;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Retry;
import io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.EventRecoverer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;

/**
 * Configuration of {@code @SalesforceListener} methods: the annotation processing (unless the application
 * enabled it itself), the default container factory and its error handling, retries from
 * {@code salesforce.streaming.listener.retry} then an {@link EventRecoverer}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(EnableSalesforceListeners.class)
class SalesforceListenerAnnotationDrivenConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventRecoverer salesforceEventRecoverer() {
		return new LoggingEventRecoverer();
	}

	@Bean(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME)
	@ConditionalOnMissingBean(ListenerErrorHandler.class)
	DefaultListenerErrorHandler salesforceListenerErrorHandler(SalesforceStreamingProperties properties,
			EventRecoverer recoverer) {
		PropertiesValidator.validateRetry(properties.getListener());
		Retry retry = properties.getListener().getRetry();
		RetryPolicySettings settings = new RetryPolicySettings();
		settings.setMaxRetries(retry.getMaxRetries());
		settings.setDelay(retry.getDelay());
		settings.setMultiplier(retry.getMultiplier());
		settings.setMaxDelay(retry.getMaxDelay());
		settings.setExceptionExcludes(List.copyOf(DefaultListenerErrorHandler.NOT_RETRYABLE));
		return new DefaultListenerErrorHandler(settings.createRetryPolicy(), recoverer);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceListenerContainerFactoryConfigurer salesforceListenerContainerFactoryConfigurer(
			SalesforceStreamingProperties properties, ObjectProvider<ListenerErrorHandler> errorHandler,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SalesforceListenerObservationConvention> observationConvention) {
		PropertiesValidator.validateBatch(properties.getListener());
		SalesforceListenerContainerFactoryConfigurer configurer = new SalesforceListenerContainerFactoryConfigurer();
		configurer.setErrorHandler(errorHandler.getIfUnique());
		configurer.setObservationRegistry(observationRegistry.getIfUnique());
		configurer.setObservationConvention(observationConvention.getIfUnique());
		configurer.setListenerProperties(properties.getListener());
		return configurer;
	}

	@Bean(SalesforceListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
	@ConditionalOnMissingBean(name = SalesforceListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
	DefaultSalesforceListenerContainerFactory salesforceListenerContainerFactory(
			SalesforceListenerContainerFactoryConfigurer configurer) {
		DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
		configurer.configure(factory);
		return factory;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSalesforceListeners
	@ConditionalOnMissingBean(name = SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
	static class EnableSalesforceListenersConfiguration {

	}

}
