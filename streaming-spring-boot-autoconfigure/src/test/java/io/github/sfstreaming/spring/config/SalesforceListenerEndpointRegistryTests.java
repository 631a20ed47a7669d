package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Subscription of listeners, and stopping and starting them by id.
 */
@SuppressWarnings("removal")
class SalesforceListenerEndpointRegistryTests {

	private final FakeChannelSubscriber subscriber = new FakeChannelSubscriber();

	private final SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry(
			this.subscriber);

	private final MessageHandlerMethodFactory factory = new SalesforceListenerEndpointRegistrar()
		.getMessageHandlerMethodFactory();

	private final List<String> received = new ArrayList<>();

	@Test
	void registeringSubscribesTheChannels() throws Exception {
		register("accounts", true, "/topic/Accounts", "/event/Order__e");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts", "subscribe /event/Order__e");
		assertThat(this.registry.getListenerIds()).containsExactly("accounts");
		assertThat(this.registry.isRunning("accounts")).isTrue();
		this.subscriber.deliver(TestEvents.pushTopic(1));
		this.subscriber.deliver(TestEvents.platformEvent(2));
		assertThat(this.received).containsExactly("accounts:1", "accounts:2");
	}

	@Test
	void listenersOfOneChannelShareOneSubscriptionAndAllReceiveEachEvent() throws Exception {
		register("first", true, "/topic/Accounts");
		register("second", true, "/topic/Accounts");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts");
		this.subscriber.deliver(TestEvents.pushTopic(3));
		assertThat(this.received).containsExactly("first:3", "second:3");
	}

	@Test
	void stoppingTheLastListenerOfAChannelUnsubscribesIt() throws Exception {
		register("accounts", true, "/topic/Accounts");
		this.registry.stop("accounts");
		assertThat(this.registry.isRunning("accounts")).isFalse();
		assertThat(this.subscriber.isSubscribed("/topic/Accounts")).isFalse();
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts",
				"unsubscribe /topic/Accounts");
	}

	@Test
	void startingAgainResubscribes() throws Exception {
		register("accounts", true, "/topic/Accounts");
		this.registry.stop("accounts");
		this.registry.start("accounts");
		assertThat(this.registry.isRunning("accounts")).isTrue();
		this.subscriber.deliver(TestEvents.pushTopic(4));
		assertThat(this.received).containsExactly("accounts:4");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts",
				"unsubscribe /topic/Accounts", "subscribe /topic/Accounts");
	}

	@Test
	void stoppingOneOfTwoListenersKeepsTheChannelForTheOther() throws Exception {
		register("first", true, "/topic/Accounts");
		register("second", true, "/topic/Accounts");
		this.registry.stop("first");
		assertThat(this.subscriber.isSubscribed("/topic/Accounts")).isTrue();
		this.subscriber.deliver(TestEvents.pushTopic(5));
		assertThat(this.received).containsExactly("second:5");
		this.registry.start("first");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts");
		this.subscriber.deliver(TestEvents.pushTopic(6));
		assertThat(this.received).containsExactly("second:5", "first:6", "second:6");
	}

	@Test
	void stopAndStartAreIdempotent() {
		register("accounts", true, "/topic/Accounts");
		this.registry.start("accounts");
		this.registry.stop("accounts");
		this.registry.stop("accounts");
		assertThat(this.subscriber.log()).containsExactly("subscribe /topic/Accounts",
				"unsubscribe /topic/Accounts");
	}

	@Test
	void listenerWithoutAutoStartupWaitsForStart() throws Exception {
		register("accounts", false, "/topic/Accounts");
		assertThat(this.registry.isRunning("accounts")).isFalse();
		assertThat(this.subscriber.log()).isEmpty();
		this.registry.start("accounts");
		this.subscriber.deliver(TestEvents.pushTopic(7));
		assertThat(this.received).containsExactly("accounts:7");
	}

	@Test
	void eventWithNoRunningListenerIsLeftUnhandled() throws Exception {
		register("accounts", true, "/topic/Accounts");
		EventHandler dispatcher = this.subscriber.handler("/topic/Accounts");
		this.registry.stop("accounts");
		// An event the client had in hand when the channel was unsubscribed must not count as handled.
		assertThatIllegalStateException().isThrownBy(() -> dispatcher.handle(TestEvents.pushTopic(8)))
			.withMessageContaining("event 8 of channel /topic/Accounts");
		assertThat(this.received).isEmpty();
	}

	@Test
	void failureOfOneListenerDoesNotDepriveTheOthersAndIsRethrown() throws Exception {
		ListenerErrorHandler givingUp = (event, error, invocation) -> {
			throw error;
		};
		SimpleSalesforceListenerEndpoint failing = endpoint("failing", true, "/topic/Accounts");
		failing.setListener((event) -> {
			throw new IllegalStateException("boom");
		});
		failing.setErrorHandler(givingUp);
		this.registry.registerListener(failing, this.factory);
		register("healthy", true, "/topic/Accounts");
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.subscriber.deliver(TestEvents.pushTopic(9)))
			.withMessageContaining("Listener 'failing' failed on event 9");
		assertThat(this.received).containsExactly("healthy:9");
	}

	@Test
	void duplicateIdIsRejected() {
		register("accounts", true, "/topic/Accounts");
		assertThatIllegalStateException().isThrownBy(() -> register("accounts", true, "/event/Order__e"))
			.withMessageContaining("Duplicate listener id 'accounts'")
			.withMessageContaining("[/topic/Accounts]");
	}

	@Test
	void channelThatIsNotASalesforceChannelIsRejected() {
		assertThatIllegalStateException().isThrownBy(() -> register("bad", true, "Accounts"))
			.withMessageContaining("listener 'bad' listens to 'Accounts', which is not a Salesforce channel")
			.withMessageContaining("/topic/..., /u/..., /event/..., /data/...");
		assertThat(this.registry.getListenerIds()).isEmpty();
	}

	@Test
	void unknownIdIsRejected() {
		register("accounts", true, "/topic/Accounts");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.stop("acounts"))
			.withMessageContaining("No listener with id 'acounts'; known ids: [accounts]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.start("acounts"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.isRunning("acounts"));
	}

	@Test
	void withoutAClientListenersAreRegisteredButNotRunning() {
		SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry();
		registry.setBeanFactory(new DefaultListableBeanFactory());
		registry.registerListener(endpoint("accounts", true, "/topic/Accounts"), this.factory);
		assertThat(registry.getListenerIds()).containsExactly("accounts");
		assertThat(registry.isRunning("accounts")).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> registry.start("accounts"))
			.withMessageContaining("no SalesforceStreamingClient bean");
	}

	@Test
	void clientIsFoundAsAChannelSubscriberBean() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("subscriber", this.subscriber);
		SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry();
		registry.setBeanFactory(beanFactory);
		registry.registerListener(endpoint("accounts", true, "/topic/Accounts"), this.factory);
		this.subscriber.deliver(TestEvents.pushTopic(10));
		assertThat(this.received).containsExactly("accounts:10");
	}

	@Test
	void withoutBootTheRegistrarsDefaultFactoryUsesTheOnlyErrorHandlerBean() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("errorHandler", recordingErrorHandler("default"));
		SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry(this.subscriber);
		registerThroughRegistrar(beanFactory, registry, failingEndpoint("accounts", "/topic/Accounts", null));
		registry.start();
		this.subscriber.deliver(TestEvents.pushTopic(11));
		assertThat(this.received).containsExactly("default handled 11");
		SalesforceListenerContainer container = registry.getListenerContainer("accounts");
		assertThat(registry.getListenerContainers()).containsExactly(container);
	}

	@Test
	void deprecatedOwnContainerErrorHandlerStillReplacesTheFactorysForItsListener() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("ownErrorHandler", recordingErrorHandler("own"));
		SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry(this.subscriber);
		registry.setBeanFactory(beanFactory);
		registry.registerListener(failingEndpoint("named", "/topic/Accounts", new BeanListenerErrorHandler(beanFactory,
				"ownErrorHandler")), this.factory);
		this.subscriber.deliver(TestEvents.pushTopic(12));
		assertThat(this.received).containsExactly("own handled 12");
	}

	@Test
	void withoutBootTheRegistrarsDefaultFactoryUsesThePrimaryErrorHandlerBean() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("other", errorHandlerDefinition("other", false));
		beanFactory.registerBeanDefinition("primary", errorHandlerDefinition("primary", true));
		SalesforceListenerEndpointRegistry registry = new SalesforceListenerEndpointRegistry(this.subscriber);
		registerThroughRegistrar(beanFactory, registry, failingEndpoint("accounts", "/topic/Accounts", null));
		registry.start();
		this.subscriber.deliver(TestEvents.pushTopic(14));
		assertThat(this.received).containsExactly("primary handled 14");
	}

	private void registerThroughRegistrar(DefaultListableBeanFactory beanFactory,
			SalesforceListenerEndpointRegistry registry, SalesforceListenerEndpoint endpoint) {
		SalesforceListenerEndpointRegistrar registrar = new SalesforceListenerEndpointRegistrar();
		registrar.setBeanFactory(beanFactory);
		registrar.setEndpointRegistry(registry);
		registrar.registerEndpoint(endpoint);
		registrar.afterPropertiesSet();
	}

	private RootBeanDefinition errorHandlerDefinition(String name, boolean primary) {
		RootBeanDefinition definition = new RootBeanDefinition(ListenerErrorHandler.class,
				() -> recordingErrorHandler(name));
		definition.setPrimary(primary);
		return definition;
	}

	private ListenerErrorHandler recordingErrorHandler(String name) {
		return (event, error, invocation) -> this.received.add(name + " handled " + event.replayId());
	}

	private SimpleSalesforceListenerEndpoint failingEndpoint(String id, String channel,
			ListenerErrorHandler errorHandler) {
		SimpleSalesforceListenerEndpoint endpoint = new SimpleSalesforceListenerEndpoint();
		endpoint.setId(id);
		endpoint.setChannels(channel);
		endpoint.setListener((event) -> {
			throw new IllegalStateException("boom");
		});
		endpoint.setErrorHandler(errorHandler);
		return endpoint;
	}

	private SalesforceListenerContainer register(String id, boolean autoStartup, String... channels) {
		return this.registry.registerListener(endpoint(id, autoStartup, channels), this.factory);
	}

	private SimpleSalesforceListenerEndpoint endpoint(String id, boolean autoStartup, String... channels) {
		SimpleSalesforceListenerEndpoint endpoint = new SimpleSalesforceListenerEndpoint();
		endpoint.setId(id);
		endpoint.setChannels(channels);
		endpoint.setAutoStartup(autoStartup);
		endpoint.setListener((StreamingEvent event) -> this.received.add(id + ":" + event.replayId()));
		return endpoint;
	}

}
