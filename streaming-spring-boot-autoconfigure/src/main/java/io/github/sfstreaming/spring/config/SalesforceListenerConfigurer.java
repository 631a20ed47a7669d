package io.github.sfstreaming.spring.config;

/**
 * Implemented by beans that configure the listener infrastructure: register listeners in code, or set the
 * {@link org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory}, custom argument
 * resolvers or the validator used for {@code @SalesforceListener} methods. Called once, after every singleton
 * is created and before any listener is subscribed.
 */
@FunctionalInterface
public interface SalesforceListenerConfigurer {

	/**
	 * Configures the listeners.
	 * @param registrar the registrar to configure and to register endpoints with
	 */
	void configureListeners(SalesforceListenerEndpointRegistrar registrar);

}
