package io.github.sfstreaming.spring.config;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;

/**
 * Creates the {@link SalesforceListenerContainer} of each listener endpoint, as spring-jms's
 * {@code JmsListenerContainerFactory} does: the error handling, observation and batch settings shared by the
 * listeners it serves belong here. A listener names its factory with
 * {@code @SalesforceListener(containerFactory = "...")}; the others use the bean named
 * {@value SalesforceListenerConfigUtils#DEFAULT_CONTAINER_FACTORY_BEAN_NAME}.
 *
 * @see DefaultSalesforceListenerContainerFactory
 */
@FunctionalInterface
public interface SalesforceListenerContainerFactory {

	/**
	 * Creates a container for an endpoint.
	 * @param endpoint the endpoint
	 * @param messageHandlerMethodFactory makes listener methods callable, for endpoints that call a method
	 * @return the container, not started
	 */
	SalesforceListenerContainer createListenerContainer(SalesforceListenerEndpoint endpoint,
			MessageHandlerMethodFactory messageHandlerMethodFactory);

}
