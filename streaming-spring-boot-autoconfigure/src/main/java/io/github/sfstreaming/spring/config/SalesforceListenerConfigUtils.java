package io.github.sfstreaming.spring.config;

/**
 * Bean names of the listener infrastructure.
 */
public final class SalesforceListenerConfigUtils {

	/** The bean name of the {@code SalesforceListenerAnnotationBeanPostProcessor}. */
	public static final String SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME =
			"io.github.sfstreaming.spring.config.internalSalesforceListenerAnnotationProcessor";

	/** The bean name of the {@link SalesforceListenerEndpointRegistry}. */
	public static final String SALESFORCE_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME =
			"io.github.sfstreaming.spring.config.internalSalesforceListenerEndpointRegistry";

	/**
	 * The bean name of an optional
	 * {@link org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory} used for every
	 * listener method; by name only, since an application may have other factories for other
	 * messaging systems.
	 */
	public static final String SALESFORCE_LISTENER_MESSAGE_HANDLER_METHOD_FACTORY_BEAN_NAME =
			"salesforceListenerMessageHandlerMethodFactory";

	/**
	 * The bean name of the {@link SalesforceListenerContainerFactory} of listeners that name none.
	 */
	public static final String DEFAULT_CONTAINER_FACTORY_BEAN_NAME = "salesforceListenerContainerFactory";

	/**
	 * The bean name of the default {@link io.github.sfstreaming.spring.listener.ListenerErrorHandler} that the
	 * Spring Boot auto-configuration defines (unless the application has a {@code ListenerErrorHandler} bean) and
	 * gives the default container factory.
	 */
	public static final String DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME = "salesforceListenerErrorHandler";

	private SalesforceListenerConfigUtils() {
	}

}
