package io.github.sfstreaming.spring.config;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;

/**
 * The model of a listener: what it listens to and how to build the handler that calls it. Register one with a
 * {@link SalesforceListenerEndpointRegistrar}, from a {@link SalesforceListenerConfigurer}.
 *
 * @see MethodSalesforceListenerEndpoint
 * @see SimpleSalesforceListenerEndpoint
 */
public interface SalesforceListenerEndpoint {

	/** The listener's id, unique in the application. */
	String getId();

	/** The channels to listen to. */
	Set<String> getChannels();

	/** Whether the listener starts with the application. */
	boolean isAutoStartup();

	/** The listener's own error handler, or {@code null} for the application's default one. */
	@Nullable ListenerErrorHandler getErrorHandler();

	/**
	 * Builds the handler that calls the listener.
	 * @param messageHandlerMethodFactory creates invocable methods, for endpoints that call a method
	 * @return the handler
	 */
	EventHandler createListener(MessageHandlerMethodFactory messageHandlerMethodFactory);

	/**
	 * Describes the endpoint for error messages, naming what to fix.
	 * @return a short description
	 */
	default String describe() {
		return "listener '" + getId() + "'";
	}

}
