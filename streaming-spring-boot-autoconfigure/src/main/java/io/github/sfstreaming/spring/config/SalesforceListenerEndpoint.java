package io.github.sfstreaming.spring.config;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.spring.listener.BatchEventHandler;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler;

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

	/**
	 * A container error handler of this listener's own, instead of its container factory's.
	 * @return the handler, or {@code null} for the factory's
	 * @deprecated since 0.2 for removal in 0.3: give the listener a {@link #getListenerErrorHandler()}, or
	 * its own container factory
	 */
	@Deprecated(since = "0.2", forRemoval = true)
	default @Nullable ListenerErrorHandler getErrorHandler() {
		return null;
	}

	/** The listener's own error handler, called before the container's, or {@code null} for none. */
	default @Nullable SalesforceListenerErrorHandler getListenerErrorHandler() {
		return null;
	}

	/**
	 * Whether the listener takes its events in batches.
	 * @return whether it does, or {@code null} to follow its container factory
	 */
	default @Nullable Boolean getBatchListener() {
		return null;
	}

	/**
	 * Builds the handler that calls the listener.
	 * @param messageHandlerMethodFactory creates invocable methods, for endpoints that call a method
	 * @return the handler
	 */
	EventHandler createListener(MessageHandlerMethodFactory messageHandlerMethodFactory);

	/**
	 * Builds the handler that calls a batch listener.
	 * @param messageHandlerMethodFactory creates invocable methods, for endpoints that call a method
	 * @return the handler
	 * @throws IllegalStateException if this endpoint cannot be a batch listener
	 */
	default BatchEventHandler createBatchListener(MessageHandlerMethodFactory messageHandlerMethodFactory) {
		throw new IllegalStateException(describe() + " cannot be a batch listener");
	}

	/**
	 * Describes the endpoint for error messages, naming what to fix.
	 * @return a short description
	 */
	default String describe() {
		return "listener '" + getId() + "'";
	}

}
