package io.github.sfstreaming.spring.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.FakeChannelSubscriber;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigurer;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.config.SimpleSalesforceListenerEndpoint;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.support.SalesforceHeaders;
import io.github.sfstreaming.spring.support.TestEvents;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Discovery of {@code @SalesforceListener} methods in an application context, with a fake client.
 */
class SalesforceListenerAnnotationBeanPostProcessorTests {

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void bootstrapRegistersTheInfrastructureUnderWellKnownNames() {
		load(Map.of(), SimpleListener.class);
		assertThat(this.context.getBean(SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME))
			.isInstanceOf(SalesforceListenerAnnotationBeanPostProcessor.class);
		assertThat(this.context.getBean(SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME))
			.isSameAs(this.context.getBean(SalesforceListenerEndpointRegistry.class));
	}

	@Test
	void listenerReceivesEventsOfItsChannel() throws Exception {
		load(Map.of(), SimpleListener.class);
		PushTopicEvent event = TestEvents.pushTopic(1);
		subscriber().deliver(event);
		assertThat(this.context.getBean(SimpleListener.class).received).containsExactly(event);
	}

	@Test
	void defaultIdIsBeanNameDotMethodName() {
		load(Map.of(), SimpleListener.class);
		assertThat(registry().getListenerIds()).containsExactly("simpleListener.onAccount");
	}

	@Test
	void placeholdersAreResolvedInChannelsAndId() {
		load(Map.of("app.channel", "/event/Order__e", "app.id", "orders"), PlaceholderListener.class);
		assertThat(registry().getListenerIds()).containsExactly("orders");
		assertThat(registry().getListenerContainer("orders").getChannels()).containsExactly("/event/Order__e");
		assertThat(subscriber().isSubscribed("/event/Order__e")).isTrue();
	}

	@Test
	void spelMayReturnSeveralChannels() {
		load(Map.of("app.channels", "/topic/A,/topic/B"), SpelListener.class);
		assertThat(registry().getListenerContainer("split").getChannels()).containsExactly("/topic/A", "/topic/B");
		assertThat(registry().getListenerContainer("list").getChannels()).containsExactly("/u/One", "/u/Two");
	}

	@Test
	void oneMethodMayListenToSeveralChannels() throws Exception {
		load(Map.of(), SeveralChannelsListener.class);
		subscriber().deliver(TestEvents.pushTopic(1));
		subscriber().deliver(TestEvents.platformEvent(2));
		subscriber().deliver(TestEvents.changeEvent(3));
		assertThat(this.context.getBean(SeveralChannelsListener.class).received).containsExactly(
				"/topic/Accounts:1", "/event/Order__e:2", "/data/AccountChangeEvent:3");
	}

	@Test
	void composedAnnotationIsFound() throws Exception {
		load(Map.of(), ComposedListener.class);
		assertThat(registry().getListenerIds()).containsExactly("orders");
		subscriber().deliver(TestEvents.platformEvent(4));
		assertThat(this.context.getBean(ComposedListener.class).received).containsExactly("O-42");
	}

	@Test
	void repeatedAnnotationsAreListenersOfTheirOwn() throws Exception {
		load(Map.of(), RepeatedListener.class);
		assertThat(registry().getListenerIds()).containsExactlyInAnyOrder("accounts", "orders");
		registry().stop("orders");
		subscriber().deliver(TestEvents.pushTopic(11));
		assertThat(subscriber().isSubscribed("/event/Order__e")).isFalse();
		assertThat(this.context.getBean(RepeatedListener.class).received).containsExactly(11L);
	}

	@Test
	void listenerWithoutAutoStartupIsStartedThroughTheRegistry() throws Exception {
		load(Map.of(), ManualListener.class);
		assertThat(registry().isRunning("manual")).isFalse();
		assertThat(subscriber().isSubscribed("/topic/Accounts")).isFalse();
		registry().start("manual");
		subscriber().deliver(TestEvents.pushTopic(5));
		assertThat(this.context.getBean(ManualListener.class).received).hasSize(1);
		registry().stop("manual");
		assertThat(subscriber().isSubscribed("/topic/Accounts")).isFalse();
	}

	@Test
	void duplicateIdsFailTheContext() {
		assertContextFails(DuplicateIdListeners.class, "Duplicate listener id 'same'",
				"DuplicateIdListeners.first(..) of bean 'duplicateIdListeners'",
				"DuplicateIdListeners.second(..) of bean 'duplicateIdListeners'");
	}

	@Test
	void channelThatIsNotASalesforceChannelFailsTheContext() {
		assertContextFails(BadChannelListener.class,
				"@SalesforceListener method BadChannelListener.onEvent(..) of bean 'badChannelListener' listens to "
						+ "'topic/Accounts', which is not a Salesforce channel");
	}

	@Test
	void listenerWithoutChannelFailsTheContext() {
		assertContextFails(NoChannelListener.class,
				"NoChannelListener.onEvent(..) of bean 'noChannelListener' has no channel");
	}

	@Test
	void twoPayloadParametersFailTheContext() {
		assertContextFails(TwoPayloadsListener.class, "TwoPayloadsListener.onEvent(..)",
				"several payload parameters [event, replayId]");
	}

	@Test
	void eventTypeThatTheChannelDoesNotDeliverFailsTheContext() {
		assertContextFails(WrongEventTypeListener.class, "WrongEventTypeListener.onEvent(..)",
				"parameter 'event' of type PlatformEvent, but channels /topic/... deliver PushTopicEvents");
	}

	@Test
	void unknownHeaderFailsTheContext() {
		assertContextFails(UnknownHeaderListener.class, "asks for unknown header 'salesforce_replayid'");
	}

	@Test
	void headerTheChannelNeverHasFailsTheContext() {
		assertContextFails(MissingHeaderListener.class, "asks for header 'salesforce_changeEventHeader' in "
				+ "parameter 'header', which events of channels /topic/... never have");
	}

	@Test
	void asynchronousReturnTypeFailsTheContext() {
		assertContextFails(AsyncListener.class,
				"AsyncListener.onEvent(..) of bean 'asyncListener' returns Mono");
	}

	@Test
	void unknownErrorHandlerBeanFailsTheContext() {
		assertContextFails(UnknownErrorHandlerListener.class,
				"names errorHandler 'nope', but there is no SalesforceListenerErrorHandler bean");
	}

	@Test
	void batchListenerWithoutAListParameterFailsTheContext() {
		assertContextFails(BatchWithoutListListener.class,
				"BatchWithoutListListener.onEvents(..) of bean 'batchWithoutListListener' is a batch listener, so it "
						+ "takes one parameter, a List");
	}

	@Test
	void batchListOfTheWrongEventTypeFailsTheContext() {
		assertContextFails(BatchOfWrongEventsListener.class, "declare it as PushTopicEvent or StreamingEvent");
	}

	@Test
	void batchAttributeThatIsNotABooleanFailsTheContext() {
		assertContextFails(BatchMaybeListener.class, "attribute 'batch' (maybe) resolved to 'maybe'");
	}

	@Test
	void unknownContainerFactoryFailsTheContext() {
		assertContextFails(UnknownContainerFactoryListener.class,
				"names containerFactory 'nope', but there is no SalesforceListenerContainerFactory bean");
	}

	@Test
	void listenerFailureIsRetriedByTheErrorHandlerBeanThenRecovered() throws Exception {
		load(Map.of(), FlakyListener.class, RetryingErrorHandlerConfiguration.class);
		subscriber().deliver(TestEvents.pushTopic(6));
		FlakyListener listener = this.context.getBean(FlakyListener.class);
		assertThat(listener.calls).isEqualTo(3);
		assertThat(this.context.getBean(RetryingErrorHandlerConfiguration.class).recovered).containsExactly(6L);
	}

	@Test
	void listenerNamesItsOwnErrorHandler() throws Exception {
		load(Map.of(), OwnErrorHandlerListener.class);
		subscriber().deliver(TestEvents.pushTopic(7));
		assertThat(this.context.getBean(OwnErrorHandlerListener.class).handled).containsExactly("boom");
	}

	@Test
	void configurerRegistersEndpointsInCode() throws Exception {
		load(Map.of(), ConfigurerConfiguration.class);
		assertThat(registry().getListenerIds()).containsExactly("programmatic");
		subscriber().deliver(TestEvents.genericEvent("hello", 8));
		assertThat(this.context.getBean(ConfigurerConfiguration.class).received).containsExactly("hello");
	}

	@Test
	void configurerAddsArgumentResolvers() throws Exception {
		load(Map.of(), TenantListener.class, TenantResolverConfiguration.class);
		subscriber().deliver(TestEvents.pushTopic(9));
		assertThat(this.context.getBean(TenantListener.class).received).containsExactly("acme:9");
	}

	@Test
	void messageHandlerMethodFactoryBeanReplacesTheDefault() throws Exception {
		load(Map.of(), TenantListener.class, FactoryBeanConfiguration.class);
		subscriber().deliver(TestEvents.pushTopic(12));
		assertThat(this.context.getBean(TenantListener.class).received).containsExactly("globex:12");
	}

	@Test
	void invalidPayloadIsRecoveredWithoutRetries() throws Exception {
		load(Map.of(), ValidatedListener.class, ValidatorConfiguration.class);
		subscriber().deliver(TestEvents.platformEvent(10));
		ValidatorConfiguration configuration = this.context.getBean(ValidatorConfiguration.class);
		assertThat(configuration.validations).hasValue(1);
		assertThat(configuration.recovered).singleElement()
			.satisfies((cause) -> assertThat(cause).hasCauseInstanceOf(MethodArgumentNotValidException.class));
		assertThat(this.context.getBean(ValidatedListener.class).received).isEmpty();
	}

	private void assertContextFails(Class<?> configuration, String... messages) {
		assertThatException().isThrownBy(() -> load(Map.of(), configuration))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.hasMessageContainingAll(messages));
	}

	private void load(Map<String, Object> properties, Class<?>... configurations) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		context.register(InfrastructureConfiguration.class);
		for (Class<?> configuration : configurations) {
			// Named as component scanning would name them, for the messages under test.
			context.registerBean(StringUtils.uncapitalize(configuration.getSimpleName()), configuration);
		}
		this.context = context;
		context.refresh();
	}

	private FakeChannelSubscriber subscriber() {
		return this.context.getBean(FakeChannelSubscriber.class);
	}

	private SalesforceListenerEndpointRegistry registry() {
		return this.context.getBean(SalesforceListenerEndpointRegistry.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSalesforceListeners
	static class InfrastructureConfiguration {

		@Bean
		FakeChannelSubscriber channelSubscriber() {
			return new FakeChannelSubscriber();
		}

	}

	static class SimpleListener {

		final List<StreamingEvent> received = new ArrayList<>();

		@SalesforceListener("/topic/Accounts")
		void onAccount(PushTopicEvent event) {
			this.received.add(event);
		}

	}

	static class PlaceholderListener {

		@SalesforceListener(id = "${app.id}", channels = "${app.channel}")
		void onEvent(StreamingEvent event) {
		}

	}

	static class SpelListener {

		@SalesforceListener(id = "split", value = "#{'${app.channels}'.split(',')}")
		void onSplit(StreamingEvent event) {
		}

		@SalesforceListener(id = "list", value = "#{T(java.util.List).of('/u/One', '/u/Two')}")
		void onList(StreamingEvent event) {
		}

	}

	static class SeveralChannelsListener {

		final List<String> received = Collections.synchronizedList(new ArrayList<>());

		@SalesforceListener({ "/topic/Accounts", "/event/Order__e", "/data/AccountChangeEvent" })
		void onEvent(@Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			this.received.add(channel + ":" + replayId);
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@SalesforceListener(id = "orders", value = "/event/Order__e")
	@interface OrderListener {

	}

	record Order(@com.fasterxml.jackson.annotation.JsonProperty("Order_Number__c") String number) {
	}

	static class ComposedListener {

		final List<String> received = new ArrayList<>();

		@OrderListener
		void onOrder(Order order) {
			this.received.add(order.number());
		}

	}

	static class RepeatedListener {

		final List<Long> received = new ArrayList<>();

		@SalesforceListener(id = "accounts", value = "/topic/Accounts")
		@SalesforceListener(id = "orders", value = "/event/Order__e")
		void onEvent(@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			this.received.add(replayId);
		}

	}

	static class ManualListener {

		final List<StreamingEvent> received = new ArrayList<>();

		@SalesforceListener(id = "manual", value = "/topic/Accounts", autoStartup = false)
		void onEvent(StreamingEvent event) {
			this.received.add(event);
		}

	}

	static class DuplicateIdListeners {

		@SalesforceListener(id = "same", value = "/topic/A")
		void first(StreamingEvent event) {
		}

		@SalesforceListener(id = "same", value = "/topic/B")
		void second(StreamingEvent event) {
		}

	}

	static class BadChannelListener {

		@SalesforceListener("topic/Accounts")
		void onEvent(StreamingEvent event) {
		}

	}

	static class NoChannelListener {

		@SalesforceListener(id = "none")
		void onEvent(StreamingEvent event) {
		}

	}

	static class TwoPayloadsListener {

		@SalesforceListener("/topic/Accounts")
		void onEvent(PushTopicEvent event, long replayId) {
		}

	}

	static class WrongEventTypeListener {

		@SalesforceListener({ "/event/Order__e", "/topic/Accounts" })
		void onEvent(PlatformEvent event) {
		}

	}

	static class UnknownHeaderListener {

		@SalesforceListener("/topic/Accounts")
		void onEvent(StreamingEvent event, @Header("salesforce_replayid") long replayId) {
		}

	}

	static class MissingHeaderListener {

		@SalesforceListener("/topic/Accounts")
		void onEvent(@Header(SalesforceHeaders.CHANGE_EVENT_HEADER) Object header) {
		}

	}

	static class AsyncListener {

		@SalesforceListener("/topic/Accounts")
		Mono<Void> onEvent(StreamingEvent event) {
			return Mono.empty();
		}

	}

	static class BatchWithoutListListener {

		@SalesforceListener(value = "/topic/Accounts", batch = "true")
		void onEvents(StreamingEvent event) {
		}

	}

	static class BatchOfWrongEventsListener {

		@SalesforceListener(value = "/topic/Accounts", batch = "true")
		void onEvents(List<PlatformEvent> events) {
		}

	}

	static class BatchMaybeListener {

		@SalesforceListener(value = "/topic/Accounts", batch = "maybe")
		void onEvents(List<StreamingEvent> events) {
		}

	}

	static class UnknownContainerFactoryListener {

		@SalesforceListener(value = "/topic/Accounts", containerFactory = "nope")
		void onEvent(StreamingEvent event) {
		}

	}

	static class UnknownErrorHandlerListener {

		@SalesforceListener(value = "/topic/Accounts", errorHandler = "nope")
		void onEvent(StreamingEvent event) {
		}

	}

	static class FlakyListener {

		int calls;

		@SalesforceListener("/topic/Accounts")
		void onEvent(StreamingEvent event) {
			this.calls++;
			throw new IllegalStateException("always failing");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RetryingErrorHandlerConfiguration {

		final List<Long> recovered = new ArrayList<>();

		@Bean
		ListenerErrorHandler listenerErrorHandler() {
			return new DefaultListenerErrorHandler(new FixedBackOff(0, 2),
					(event, cause) -> this.recovered.add(event.replayId()));
		}

	}

	@Import(OwnErrorHandlerListener.Handlers.class)
	static class OwnErrorHandlerListener {

		final List<String> handled = new ArrayList<>();

		@SalesforceListener(value = "/topic/Accounts", errorHandler = "collectingErrorHandler")
		void onEvent(StreamingEvent event) {
			throw new IllegalStateException("boom");
		}

		@Configuration(proxyBeanMethods = false)
		static class Handlers {

			@Bean
			ListenerErrorHandler collectingErrorHandler(OwnErrorHandlerListener listener) {
				return (event, error, invocation) -> listener.handled.add(error.getCause().getMessage());
			}

		}

	}

	record Tenant(String name) {
	}

	static class TenantListener {

		final List<String> received = new ArrayList<>();

		@SalesforceListener("/topic/Accounts")
		void onEvent(PushTopicEvent event, Tenant tenant) {
			this.received.add(tenant.name() + ":" + event.replayId());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantResolverConfiguration {

		@Bean
		SalesforceListenerConfigurer tenantResolver() {
			return (registrar) -> registrar.setCustomMethodArgumentResolvers(new HandlerMethodArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == Tenant.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, Message<?> message) {
					return new Tenant("acme");
				}

			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBeanConfiguration {

		@Bean(SalesforceListenerConfigUtils.SALESFORCE_LISTENER_MESSAGE_HANDLER_METHOD_FACTORY_BEAN_NAME)
		DefaultMessageHandlerMethodFactory salesforceListenerMessageHandlerMethodFactory() {
			DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
			factory.setMessageConverter(new StreamingEventMessageConverter());
			factory.setCustomArgumentResolvers(List.of(new HandlerMethodArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == Tenant.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, Message<?> message) {
					return new Tenant("globex");
				}

			}));
			return factory;
		}

	}

	static class ValidatedListener {

		final List<Order> received = new ArrayList<>();

		@SalesforceListener("/event/Order__e")
		void onOrder(@Validated Order order) {
			this.received.add(order);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidatorConfiguration {

		final AtomicInteger validations = new AtomicInteger();

		final List<Exception> recovered = new ArrayList<>();

		@Bean
		SalesforceListenerConfigurer validatingConfigurer() {
			return (registrar) -> registrar.setValidator(new Validator() {

				@Override
				public boolean supports(Class<?> type) {
					return type == Order.class;
				}

				@Override
				public void validate(Object target, Errors errors) {
					ValidatorConfiguration.this.validations.incrementAndGet();
					errors.rejectValue("number", "invalid", "order numbers start with X");
				}

			});
		}

		@Bean
		ListenerErrorHandler retryingErrorHandler() {
			return new DefaultListenerErrorHandler(new FixedBackOff(0, 5),
					(event, cause) -> this.recovered.add(cause));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConfigurerConfiguration {

		final List<String> received = new ArrayList<>();

		@Bean
		SalesforceListenerConfigurer programmaticListener() {
			return (registrar) -> {
				SimpleSalesforceListenerEndpoint endpoint = new SimpleSalesforceListenerEndpoint();
				endpoint.setId("programmatic");
				endpoint.setChannels("/u/Notifications");
				endpoint.setListener((event) -> this.received.add(((io.github.sfstreaming.event.GenericEvent) event)
					.payload()));
				registrar.registerEndpoint(endpoint);
			};
		}

	}

}
