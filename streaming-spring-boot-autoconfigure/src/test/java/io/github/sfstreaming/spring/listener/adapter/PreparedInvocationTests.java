package io.github.sfstreaming.spring.listener.adapter;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.ReflectionUtils;

import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistrar;
import io.github.sfstreaming.spring.support.SalesforceHeaders;
import io.github.sfstreaming.spring.support.TestEvents;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The arguments of listener methods worked out once per method ({@link SalesforceMessageHandlerMethodFactory}):
 * the same values as Spring's per-event resolution, and the same errors when an event does not fit.
 */
class PreparedInvocationTests {

	private final Listeners listeners = new Listeners();

	@Test
	void everyHeaderValueIsTheMessageHeaderValue() {
		MessagingMessageListenerAdapter adapter = new MessagingMessageListenerAdapter(
				new InvocableHandlerMethod(this.listeners, method("invoice")), "listener-1");
		List<StreamingEvent> events = List.of(TestEvents.pushTopic(1), TestEvents.platformEvent(2),
				TestEvents.changeEvent(3), TestEvents.genericEvent("x", 4));
		for (StreamingEvent event : events) {
			Message<StreamingEvent> message = adapter.toMessage(event);
			for (String name : SalesforceHeaders.ALL) {
				assertThat(EventHeaderValues.value(name, event, "listener-1")).as(name + " of " + event)
					.isEqualTo(message.getHeaders().get(name));
			}
		}
	}

	@Test
	void pojoAndHeadersArePrepared() throws Exception {
		InvocableHandlerMethod handlerMethod = factory().createInvocableHandlerMethod(this.listeners,
				method("invoice"));
		assertThat(handlerMethod).isInstanceOf(PreparedInvocableHandlerMethod.class);
		new MessagingMessageListenerAdapter(handlerMethod, "invoices").handle(TestEvents.pushTopic(7));
		assertThat(this.listeners.received).containsExactly(new Account("001A", "Acme"), "/topic/Accounts", 7L,
				"updated", "invoices");
	}

	@Test
	void methodWithAMessageParameterIsNotPrepared() {
		assertThat(factory().createInvocableHandlerMethod(this.listeners, method("message")))
			.isNotInstanceOf(PreparedInvocableHandlerMethod.class);
	}

	@Test
	void headerNamePlaceholderIsResolvedOnce() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("header.name", SalesforceHeaders.REPLAY_ID)));
		beanFactory.addEmbeddedValueResolver(environment::resolvePlaceholders);
		SalesforceMessageHandlerMethodFactory factory = new SalesforceMessageHandlerMethodFactory();
		factory.setBeanFactory(beanFactory);
		factory.afterPropertiesSet();
		InvocableHandlerMethod handlerMethod = factory.createInvocableHandlerMethod(this.listeners,
				method("placeholder"));
		assertThat(handlerMethod).isInstanceOf(PreparedInvocableHandlerMethod.class);
		new MessagingMessageListenerAdapter(handlerMethod, "l").handle(TestEvents.platformEvent(9));
		assertThat(this.listeners.received).containsExactly(9L);
	}

	@Test
	void missingRequiredHeaderIsTheStandardError() {
		// a platform event has no event type: the standard resolver reports the missing header
		assertThatExceptionOfType(MessageHandlingException.class)
			.isThrownBy(() -> handle("invoice", TestEvents.platformEvent(10)))
			.withMessageContaining(SalesforceHeaders.EVENT_TYPE);
		assertThat(this.listeners.received).isEmpty();
	}

	@Test
	void failedBindingIsTheConvertersError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> handle("badAmount", TestEvents.platformEvent(11)))
			.withMessageContaining("Cannot convert event 11 of channel /event/Order__e");
	}

	@Test
	void binderIsKeptPerParameter() {
		StreamingEventMessageConverter converter = new StreamingEventMessageConverter();
		Method method = method("invoice");
		MethodParameter parameter = new MethodParameter(method, 0);
		assertThat(converter.binder(Account.class, parameter)).isSameAs(converter.binder(Account.class, parameter));
	}

	private void handle(String methodName, StreamingEvent event) throws Exception {
		new MessagingMessageListenerAdapter(factory().createInvocableHandlerMethod(this.listeners, method(methodName)),
				"l")
			.handle(event);
	}

	private static SalesforceMessageHandlerMethodFactory factory() {
		return (SalesforceMessageHandlerMethodFactory) new SalesforceListenerEndpointRegistrar()
			.getMessageHandlerMethodFactory();
	}

	private static Method method(String name) {
		Method method = Arrays.stream(Listeners.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	record Account(@JsonProperty("Id") String id, @JsonProperty("Name") String name) {
	}

	record BadAmount(@JsonProperty("Order_Number__c") BigDecimal number) {
	}

	static class Listeners {

		final List<Object> received = new ArrayList<>();

		void invoice(Account account, @Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.REPLAY_ID) long replayId, @Header(SalesforceHeaders.EVENT_TYPE) String type,
				@Header(name = SalesforceHeaders.LISTENER_ID) String listenerId) {
			this.received.addAll(List.of(account, channel, replayId, type, listenerId));
		}

		void message(Message<Account> message) {
			this.received.add(message);
		}

		void placeholder(@Header("${header.name}") long replayId) {
			this.received.add(replayId);
		}

		void badAmount(BadAmount order) {
			this.received.add(order);
		}

	}

}
