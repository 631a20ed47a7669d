package io.github.sfstreaming.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.ExponentialBackOff;

import io.github.sfstreaming.spring.annotation.EnableSalesforceListeners;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Retry;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.EventRecoverer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;

/**
 * Configuration of {@code @SalesforceListener} methods: the annotation processing (unless the application
 * enabled it itself) and the default error handling, retries from {@code salesforce.streaming.listener.retry}
 * then an {@link EventRecoverer}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(EnableSalesforceListeners.class)
class SalesforceListenerAnnotationDrivenConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventRecoverer salesforceEventRecoverer() {
		return new LoggingEventRecoverer();
	}

	// By name: a ListenerErrorHandler bean that only one listener names as its own must not switch off the
	// retries of all the others; another unreferenced one takes precedence over this one (see the registry).
	@Bean(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME)
	@ConditionalOnMissingBean(name = SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME)
	ListenerErrorHandler salesforceListenerErrorHandler(SalesforceStreamingProperties properties,
			EventRecoverer recoverer) {
		PropertiesValidator.validateRetry(properties.getListener());
		Retry retry = properties.getListener().getRetry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.getInitialInterval().toMillis(),
				retry.getMultiplier());
		backOff.setMaxInterval(retry.getMaxInterval().toMillis());
		backOff.setMaxAttempts(retry.getMaxAttempts() - 1);
		return new DefaultListenerErrorHandler(backOff, recoverer);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSalesforceListeners
	@ConditionalOnMissingBean(name = SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
	static class EnableSalesforceListenersConfiguration {

	}

}
