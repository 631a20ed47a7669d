package io.github.sfstreaming.spring.config;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.spring.listener.BatchEventHandler;
import io.github.sfstreaming.spring.listener.adapter.BatchMessagingMessageListenerAdapter;
import io.github.sfstreaming.spring.listener.adapter.MessagingMessageListenerAdapter;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;

/**
 * An endpoint whose listener is a bean method, its arguments resolved from the event by spring-messaging. Built by
 * the {@code SalesforceListenerAnnotationBeanPostProcessor} for each {@code @SalesforceListener} method.
 */
public class MethodSalesforceListenerEndpoint extends AbstractSalesforceListenerEndpoint {

	private @Nullable Object bean;

	private @Nullable Method method;

	private @Nullable String beanName;

	private @Nullable MessageConverter messageConverter;

	/**
	 * Sets the bean whose method is called.
	 * @param bean the bean
	 */
	public void setBean(Object bean) {
		this.bean = bean;
	}

	/** The bean whose method is called. */
	public @Nullable Object getBean() {
		return this.bean;
	}

	/**
	 * Sets the method to call.
	 * @param method the method, callable on the bean
	 */
	public void setMethod(Method method) {
		this.method = method;
	}

	/** The method to call. */
	public @Nullable Method getMethod() {
		return this.method;
	}

	/**
	 * Sets the bean's name, for error messages.
	 * @param beanName the bean name
	 */
	public void setBeanName(@Nullable String beanName) {
		this.beanName = beanName;
	}

	/** The bean's name, if known. */
	public @Nullable String getBeanName() {
		return this.beanName;
	}

	/**
	 * Sets the converter a batch listener's events are converted to its list's element type with, unless that is
	 * an event or a message; default a {@link StreamingEventMessageConverter} on a default Jackson mapper.
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(@Nullable MessageConverter messageConverter) {
		this.messageConverter = messageConverter;
	}

	@Override
	public BatchEventHandler createBatchListener(MessageHandlerMethodFactory messageHandlerMethodFactory) {
		Assert.state(this.bean != null && this.method != null, () -> "No bean and method set on " + describe());
		MessageConverter converter = (this.messageConverter != null) ? this.messageConverter
				: new StreamingEventMessageConverter();
		return new BatchMessagingMessageListenerAdapter(
				messageHandlerMethodFactory.createInvocableHandlerMethod(this.bean, this.method), getId(), converter);
	}

	@Override
	public EventHandler createListener(MessageHandlerMethodFactory messageHandlerMethodFactory) {
		Assert.state(this.bean != null && this.method != null, () -> "No bean and method set on " + describe());
		return new MessagingMessageListenerAdapter(
				messageHandlerMethodFactory.createInvocableHandlerMethod(this.bean, this.method), getId());
	}

	@Override
	public String describe() {
		StringBuilder description = new StringBuilder("@SalesforceListener method ");
		if (this.method != null) {
			description.append(ClassUtils.getUserClass(this.method.getDeclaringClass()).getSimpleName())
				.append('.')
				.append(this.method.getName())
				.append("(..)");
		}
		if (this.beanName != null) {
			description.append(" of bean '").append(this.beanName).append('\'');
		}
		return description.toString();
	}

}
