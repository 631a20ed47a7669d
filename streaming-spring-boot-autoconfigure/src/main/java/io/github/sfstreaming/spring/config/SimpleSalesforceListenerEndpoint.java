package io.github.sfstreaming.spring.config;

import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;

import io.github.sfstreaming.client.EventHandler;

/**
 * An endpoint whose listener is a plain {@link EventHandler}, for registering listeners in code:
 * <pre>{@code
 * @Bean
 * SalesforceListenerConfigurer auditListener(AuditService audit) {
 *     return (registrar) -> {
 *         SimpleSalesforceListenerEndpoint endpoint = new SimpleSalesforceListenerEndpoint();
 *         endpoint.setId("audit");
 *         endpoint.setChannels("/event/Audit__e");
 *         endpoint.setListener(audit::record);
 *         registrar.registerEndpoint(endpoint);
 *     };
 * }
 * }</pre>
 */
public class SimpleSalesforceListenerEndpoint extends AbstractSalesforceListenerEndpoint {

	private EventHandler listener = (event) -> {
		throw new IllegalStateException("No listener set on endpoint '" + getId() + "'");
	};

	/**
	 * Sets the listener.
	 * @param listener the listener
	 */
	public void setListener(EventHandler listener) {
		Assert.notNull(listener, "Listener must not be null");
		this.listener = listener;
	}

	/** The listener. */
	public EventHandler getListener() {
		return this.listener;
	}

	@Override
	public EventHandler createListener(MessageHandlerMethodFactory messageHandlerMethodFactory) {
		return this.listener;
	}

}
