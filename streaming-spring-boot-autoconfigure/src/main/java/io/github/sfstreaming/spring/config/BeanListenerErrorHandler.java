package io.github.sfstreaming.spring.config;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.ListenerInvocation;

/**
 * A {@link ListenerErrorHandler} bean named by a listener, looked up on first use rather than when the listener is
 * found: the bean may not exist yet then, and creating it from a post-processor would deprive it of
 * post-processing.
 *
 * @deprecated since 0.2 for removal in 0.3, with naming a {@code ListenerErrorHandler} in
 * {@code @SalesforceListener(errorHandler = ...)}: name a
 * {@link io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler} there, or give the listener its own
 * {@code containerFactory}
 */
@Deprecated(since = "0.2", forRemoval = true)
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
