package io.github.sfstreaming.spring.config;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;

import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;

/**
 * Creates {@link DefaultSalesforceListenerContainer}s, as spring-jms's {@code DefaultJmsListenerContainerFactory}
 * does: what is set here applies to every listener it serves, unless the endpoint says otherwise. With Spring Boot
 * the {@code SalesforceListenerContainerFactoryConfigurer} configures one from the application's beans and
 * properties; to change it, declare your own and let the configurer fill it in:
 * <pre>{@code
 * @Bean
 * DefaultSalesforceListenerContainerFactory salesforceListenerContainerFactory(
 *         SalesforceListenerContainerFactoryConfigurer configurer) {
 *     DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
 *     configurer.configure(factory);
 *     factory.setBatchMaxSize(500);
 *     return factory;
 * }
 * }</pre>
 */
public class DefaultSalesforceListenerContainerFactory implements SalesforceListenerContainerFactory {

	private ListenerErrorHandler errorHandler = new DefaultListenerErrorHandler(RetryPolicy.withMaxRetries(0),
			new LoggingEventRecoverer());

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable SalesforceListenerObservationConvention observationConvention;

	private @Nullable Boolean autoStartup;

	private @Nullable Integer phase;

	private boolean batchListener;

	private int batchMaxSize = DefaultSalesforceListenerContainer.DEFAULT_BATCH_MAX_SIZE;

	/**
	 * Sets the containers' error handler (retries, back-off, recoverer); default: no retries, then a
	 * {@link LoggingEventRecoverer}.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(ListenerErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	/** The containers' error handler. */
	public ListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Sets the registry listener calls are observed with; none by default.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets the observation convention; default the {@code DefaultSalesforceListenerObservationConvention}.
	 * @param observationConvention the convention, or {@code null}
	 */
	public void setObservationConvention(@Nullable SalesforceListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Sets whether the containers start with the registry, overriding the endpoints' setting.
	 * @param autoStartup whether they start, or {@code null} to follow each endpoint
	 */
	public void setAutoStartup(@Nullable Boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Sets the containers' lifecycle phase.
	 * @param phase the phase, or {@code null} for the container's default
	 */
	public void setPhase(@Nullable Integer phase) {
		this.phase = phase;
	}

	/**
	 * Sets whether listeners are batch listeners unless their endpoint says otherwise (default {@code false}).
	 * @param batchListener whether they are
	 */
	public void setBatchListener(boolean batchListener) {
		this.batchListener = batchListener;
	}

	/**
	 * Sets the largest batch a batch listener receives.
	 * @param batchMaxSize the maximum number of events per call
	 */
	public void setBatchMaxSize(int batchMaxSize) {
		Assert.isTrue(batchMaxSize > 0, "'batchMaxSize' must be positive");
		this.batchMaxSize = batchMaxSize;
	}

	/** The largest batch a batch listener receives. */
	public int getBatchMaxSize() {
		return this.batchMaxSize;
	}

	@Override
	@SuppressWarnings("removal")
	public DefaultSalesforceListenerContainer createListenerContainer(SalesforceListenerEndpoint endpoint,
			MessageHandlerMethodFactory messageHandlerMethodFactory) {
		Boolean batch = endpoint.getBatchListener();
		boolean batchListener = (batch != null) ? batch : this.batchListener;
		Object listener = batchListener ? endpoint.createBatchListener(messageHandlerMethodFactory)
				: endpoint.createListener(messageHandlerMethodFactory);
		ListenerErrorHandler own = endpoint.getErrorHandler();
		DefaultSalesforceListenerContainer container = new DefaultSalesforceListenerContainer(endpoint.getId(),
				endpoint.getChannels(), listener, (own != null) ? own : this.errorHandler);
		container.setListenerErrorHandler(endpoint.getListenerErrorHandler());
		container.setAutoStartup((this.autoStartup != null) ? this.autoStartup : endpoint.isAutoStartup());
		if (this.phase != null) {
			container.setPhase(this.phase);
		}
		container.setBatchMaxSize(this.batchMaxSize);
		container.setObservationRegistry(this.observationRegistry);
		container.setObservationConvention(this.observationConvention);
		return container;
	}

}
