package io.github.sfstreaming.spring.listener.adapter;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.validation.Validator;

/**
 * The {@link DefaultMessageHandlerMethodFactory} of {@code @SalesforceListener} methods, which works each
 * method's arguments out once, when it is registered: header names (placeholders resolved), target types and
 * the Jackson reader for them. A {@link MessagingMessageListenerAdapter} then calls the method without building a
 * message or resolving arguments per event. Methods whose parameters need Spring's resolution ({@code Message},
 * {@code @Headers}, validation, custom resolvers, expressions, a message converter other than
 * {@link io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter}) are called as
 * {@link DefaultMessageHandlerMethodFactory} calls them, with the same results and errors.
 */
public class SalesforceMessageHandlerMethodFactory extends DefaultMessageHandlerMethodFactory {

	private @Nullable MessageConverter messageConverter;

	private List<HandlerMethodArgumentResolver> customArgumentResolvers = List.of();

	private @Nullable Validator validator;

	private @Nullable BeanFactory beanFactory;

	private boolean argumentResolversReplaced;

	@Override
	public void setMessageConverter(MessageConverter messageConverter) {
		super.setMessageConverter(messageConverter);
		this.messageConverter = messageConverter;
	}

	@Override
	public void setCustomArgumentResolvers(List<HandlerMethodArgumentResolver> customArgumentResolvers) {
		super.setCustomArgumentResolvers(customArgumentResolvers);
		this.customArgumentResolvers = new ArrayList<>(customArgumentResolvers);
	}

	@Override
	public void setArgumentResolvers(@Nullable List<HandlerMethodArgumentResolver> argumentResolvers) {
		super.setArgumentResolvers(argumentResolvers);
		this.argumentResolversReplaced = true;
	}

	@Override
	public void setValidator(Validator validator) {
		super.setValidator(validator);
		this.validator = validator;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = beanFactory;
	}

	@Override
	public InvocableHandlerMethod createInvocableHandlerMethod(Object bean, Method method) {
		InvocableHandlerMethod standard = super.createInvocableHandlerMethod(bean, method);
		if (this.argumentResolversReplaced) {
			return standard;
		}
		PreparedArguments arguments = PreparedArguments.prepare(standard.getMethodParameters(),
				this.messageConverter, this.customArgumentResolvers, this.validator, this.beanFactory);
		return (arguments != null) ? new PreparedInvocableHandlerMethod(standard, arguments) : standard;
	}

}
