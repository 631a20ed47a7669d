package io.github.sfstreaming.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Listener;
import io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;

/**
 * Configures a {@link DefaultSalesforceListenerContainerFactory} with Spring Boot's defaults: the application's
 * {@link ListenerErrorHandler} (by default retries from {@code salesforce.streaming.listener.retry.*} on Spring
 * Framework's {@code RetryTemplate}, then the {@code EventRecoverer}), its observation registry and convention, and
 * {@code salesforce.streaming.listener.batch.max-size}. Use it to build a factory of your own that starts from the
 * same settings, as with Spring Boot's {@code DefaultJmsListenerContainerFactoryConfigurer}.
 */
public final class SalesforceListenerContainerFactoryConfigurer {

	private @Nullable ListenerErrorHandler errorHandler;

	private @Nullable ObservationRegistry observationRegistry;

	private @Nullable SalesforceListenerObservationConvention observationConvention;

	private @Nullable Listener properties;

	void setErrorHandler(@Nullable ListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	void setObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	void setObservationConvention(@Nullable SalesforceListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	void setListenerProperties(Listener properties) {
		this.properties = properties;
	}

	/**
	 * Configures a factory with the auto-configuration's settings.
	 * @param factory the factory
	 */
	public void configure(DefaultSalesforceListenerContainerFactory factory) {
		Assert.notNull(factory, "'factory' must not be null");
		if (this.errorHandler != null) {
			factory.setErrorHandler(this.errorHandler);
		}
		if (this.observationRegistry != null) {
			factory.setObservationRegistry(this.observationRegistry);
		}
		factory.setObservationConvention(this.observationConvention);
		if (this.properties != null) {
			factory.setBatchMaxSize(this.properties.getBatch().getMaxSize());
		}
	}

}
