package io.github.sfstreaming.spring.config;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.ListenerInvocation;

/**
 * A {@link ListenerErrorHandler} bean named by a listener, looked up on first use rather than when the listener is
 * found: the bean may not exist yet then, and creating it from a post-processor would deprive it of
 * post-processing. The {@link SalesforceListenerEndpointRegistry} does not use beans named this way as the
 * application's default error handler.
 */
public final class BeanListenerErrorHandler implements ListenerErrorHandler {

	private final BeanFactory beanFactory;

	private final String beanName;

	private volatile @Nullable ListenerErrorHandler target;

	/**
	 * Creates a handler that delegates to a bean.
	 * @param beanFactory where the bean is
	 * @param beanName the bean's name
	 */
	public BeanListenerErrorHandler(BeanFactory beanFactory, String beanName) {
		this.beanFactory = beanFactory;
		this.beanName = beanName;
	}

	/** The name of the bean delegated to. */
	public String getBeanName() {
		return this.beanName;
	}

	@Override
	public void handle(StreamingEvent event, Exception error, ListenerInvocation invocation) throws Exception {
		ListenerErrorHandler handler = this.target;
		if (handler == null) {
			handler = this.beanFactory.getBean(this.beanName, ListenerErrorHandler.class);
			this.target = handler;
		}
		handler.handle(event, error, invocation);
	}

	@Override
	public String toString() {
		return "ListenerErrorHandler bean '" + this.beanName + "'";
	}

}
