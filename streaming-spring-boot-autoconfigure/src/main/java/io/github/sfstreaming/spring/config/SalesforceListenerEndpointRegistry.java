package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.FixedBackOff;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.spring.config.ChannelDispatcher.ListenerRegistration;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.EventRecoverer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;
import io.github.sfstreaming.spring.support.SalesforceChannel;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;

/**
 * Holds the application's listeners, subscribes their channels with the streaming client and starts and stops
 * them by id at runtime:
 * <pre>{@code
 * registry.stop("invoices");   // the listener receives nothing more
 * registry.start("invoices");  // resubscribes; the channel resumes from its stored replay id
 * }</pre>
 *
 * <p>The client takes one handler per channel, so the registry subscribes one handler per channel that hands
 * each event to every running listener of that channel in turn; the event counts as handled, and its replay id
 * is stored, when all of them have handled it. When the last running listener of a channel stops, the channel is
 * unsubscribed. A listener stopped while others of its channel run misses the events that arrive meanwhile.
 *
 * <p>The registry does not start or stop the client itself: it subscribes listeners as they are registered,
 * which happens once every singleton exists and so before the client starts. It finds the client lazily:
 * a {@link ChannelSubscriber} bean, else the {@link SalesforceStreamingClient} bean; with neither (streaming
 * disabled) listeners are registered but never run. Listeners without their own error handler get the
 * application's only (or primary) {@link ListenerErrorHandler} bean, not counting those that listeners name as
 * their own, else a {@link DefaultListenerErrorHandler} with the only {@link EventRecoverer} bean (or a
 * {@link LoggingEventRecoverer}) and no retries. Each listener call is observed with the only
 * {@code ObservationRegistry} bean, if any, and the only {@link SalesforceListenerObservationConvention} bean, if
 * any (see {@link io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation}).
 */
public class SalesforceListenerEndpointRegistry implements BeanFactoryAware {

	private static final LogAccessor logger = new LogAccessor(SalesforceListenerEndpointRegistry.class);

	private final Object monitor = new Object();

	private final Map<String, ListenerRegistration> listeners = new LinkedHashMap<>();

	private final Map<String, ChannelDispatcher> dispatchers = new LinkedHashMap<>();

	private @Nullable BeanFactory beanFactory;

	private @Nullable ChannelSubscriber channelSubscriber;

	private boolean channelSubscriberResolved;

	private volatile @Nullable ListenerErrorHandler defaultErrorHandler;

	private final Set<String> listenerOwnErrorHandlers = new HashSet<>();

	/** Creates a registry that finds the client in its bean factory. */
	public SalesforceListenerEndpointRegistry() {
	}

	/**
	 * Creates a registry that subscribes through the given subscriber.
	 * @param channelSubscriber the subscriber
	 */
	public SalesforceListenerEndpointRegistry(ChannelSubscriber channelSubscriber) {
		setChannelSubscriber(channelSubscriber);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Sets what channels are subscribed through, instead of finding it in the bean factory.
	 * @param channelSubscriber the subscriber
	 */
	public void setChannelSubscriber(ChannelSubscriber channelSubscriber) {
		synchronized (this.monitor) {
			this.channelSubscriber = channelSubscriber;
			this.channelSubscriberResolved = true;
		}
	}

	/**
	 * Sets the error handler of listeners that have none of their own, instead of finding it in the bean factory.
	 * @param defaultErrorHandler the error handler
	 */
	public void setDefaultErrorHandler(ListenerErrorHandler defaultErrorHandler) {
		this.defaultErrorHandler = defaultErrorHandler;
	}

	/**
	 * Registers a listener and, if it starts automatically and a client is available, subscribes its channels.
	 * @param endpoint the listener's endpoint
	 * @param messageHandlerMethodFactory for endpoints that call a method
	 * @return the listener's container
	 * @throws IllegalStateException if a listener with the same id exists or a channel is not a Salesforce channel
	 */
	public SalesforceListenerContainer registerListener(SalesforceListenerEndpoint endpoint,
			MessageHandlerMethodFactory messageHandlerMethodFactory) {
		validateChannels(endpoint);
		String id = endpoint.getId();
		Assert.state(StringUtils.hasText(id), () -> "No id set on " + endpoint.describe());
		synchronized (this.monitor) {
			ListenerRegistration existing = this.listeners.get(id);
			if (existing != null) {
				throw new IllegalStateException("Duplicate listener id '" + id + "': used by " + endpoint.describe()
						+ " and by " + existing.description() + " (channels " + existing.container().getChannels()
						+ "); set a distinct id, for example @SalesforceListener(id = \"...\")");
			}
			EventHandler listener = endpoint.createListener(messageHandlerMethodFactory);
			ListenerErrorHandler errorHandler = endpoint.getErrorHandler();
			if (errorHandler instanceof BeanListenerErrorHandler own) {
				this.listenerOwnErrorHandlers.add(own.getBeanName());
			}
			else if (errorHandler == null) {
				// Resolved on the first failure, once every listener's own error handler is known.
				errorHandler = (event, error, invocation) -> getDefaultErrorHandler().handle(event, error, invocation);
			}
			SalesforceListenerContainer container = new SalesforceListenerContainer(id, endpoint.getChannels(),
					listener, errorHandler, endpoint.isAutoStartup());
			configureObservation(container);
			ListenerRegistration registration = new ListenerRegistration(container, endpoint.describe());
			this.listeners.put(id, registration);
			for (String channel : container.getChannels()) {
				this.dispatchers.computeIfAbsent(channel, ChannelDispatcher::new).add(registration);
			}
			if (container.isAutoStartup()) {
				ChannelSubscriber subscriber = getChannelSubscriber();
				if (subscriber != null) {
					doStart(registration, subscriber);
				}
			}
			return container;
		}
	}

	/** The ids of every registered listener, in registration order. */
	public Set<String> getListenerIds() {
		synchronized (this.monitor) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.listeners.keySet()));
		}
	}

	/**
	 * Returns a listener's container.
	 * @param id the listener's id
	 * @return its container, or {@code null} if there is no such listener
	 */
	public @Nullable SalesforceListenerContainer getListenerContainer(String id) {
		synchronized (this.monitor) {
			ListenerRegistration registration = this.listeners.get(id);
			return (registration != null) ? registration.container() : null;
		}
	}

	/** Every listener's container, in registration order. */
	public Collection<SalesforceListenerContainer> getListenerContainers() {
		synchronized (this.monitor) {
			List<SalesforceListenerContainer> containers = new ArrayList<>();
			this.listeners.values().forEach((registration) -> containers.add(registration.container()));
			return Collections.unmodifiableList(containers);
		}
	}

	/**
	 * Whether a listener is running, that is receiving its channels' events.
	 * @param id the listener's id
	 * @return whether it runs
	 * @throws IllegalArgumentException if there is no such listener
	 */
	public boolean isRunning(String id) {
		synchronized (this.monitor) {
			return getRegistration(id).isRunning();
		}
	}

	/**
	 * Starts a listener: subscribes those of its channels no other running listener has subscribed; they resume
	 * from their stored replay ids. Does nothing if it runs already. The subscription completes in the background;
	 * a failure is logged.
	 * @param id the listener's id
	 * @throws IllegalArgumentException if there is no such listener
	 * @throws IllegalStateException if there is no streaming client (streaming is disabled)
	 */
	public void start(String id) {
		synchronized (this.monitor) {
			ListenerRegistration registration = getRegistration(id);
			ChannelSubscriber subscriber = getChannelSubscriber();
			Assert.state(subscriber != null,
					() -> "Cannot start listener '" + id + "': there is no SalesforceStreamingClient bean");
			if (!registration.isRunning()) {
				doStart(registration, subscriber);
			}
		}
	}

	/**
	 * Stops a listener: it receives no more events, and channels left without a running listener are
	 * unsubscribed. An event it is handling is finished. Does nothing if it is not running.
	 * @param id the listener's id
	 * @throws IllegalArgumentException if there is no such listener
	 */
	public void stop(String id) {
		synchronized (this.monitor) {
			ListenerRegistration registration = getRegistration(id);
			if (!registration.isRunning()) {
				return;
			}
			registration.setRunning(false);
			ChannelSubscriber subscriber = getChannelSubscriber();
			for (String channel : registration.container().getChannels()) {
				if (subscriber != null && !dispatcher(channel).hasRunningListener()) {
					subscriber.unsubscribe(channel)
						.subscribe(null, (ex) -> logger.error(ex, () -> "Could not unsubscribe channel " + channel));
				}
			}
			logger.info(() -> "Stopped listener '" + id + "'");
		}
	}

	/** The dispatcher of a channel that a registered listener declared: it exists from registration on. */
	private ChannelDispatcher dispatcher(String channel) {
		ChannelDispatcher dispatcher = this.dispatchers.get(channel);
		Assert.state(dispatcher != null, () -> "No dispatcher for channel " + channel);
		return dispatcher;
	}

	private void doStart(ListenerRegistration registration, ChannelSubscriber subscriber) {
		List<String> toSubscribe = new ArrayList<>();
		for (String channel : registration.container().getChannels()) {
			if (!dispatcher(channel).hasRunningListener()) {
				toSubscribe.add(channel);
			}
		}
		// Running before subscribing: an event that arrives at once must find its listener, or it would be
		// counted as handled without being seen.
		registration.setRunning(true);
		try {
			for (String channel : toSubscribe) {
				// A refusal is logged once by the client (and reported by health and a SubscriptionFailedEvent); the
				// other outcomes (stopped, unsubscribed before the answer) are expected during a shutdown.
				subscriber.subscribe(channel, dispatcher(channel))
					.subscribe(null, (ex) -> logger.debug(() -> "Subscription of channel " + channel + " for listener '"
							+ registration.container().getId() + "' ended: " + ex.getMessage()));
			}
		}
		catch (RuntimeException ex) {
			registration.setRunning(false);
			throw ex;
		}
		logger.debug(() -> "Started listener '" + registration.container().getId() + "' on "
				+ registration.container().getChannels());
	}

	private void configureObservation(SalesforceListenerContainer container) {
		if (this.beanFactory == null) {
			return;
		}
		container.setObservationRegistry(this.beanFactory.getBeanProvider(ObservationRegistry.class)
			.getIfUnique(() -> ObservationRegistry.NOOP));
		container.setObservationConvention(
				this.beanFactory.getBeanProvider(SalesforceListenerObservationConvention.class).getIfUnique());
	}

	private ListenerRegistration getRegistration(String id) {
		ListenerRegistration registration = this.listeners.get(id);
		if (registration == null) {
			throw new IllegalArgumentException("No listener with id '" + id + "'; known ids: "
					+ this.listeners.keySet());
		}
		return registration;
	}

	private @Nullable ChannelSubscriber getChannelSubscriber() {
		if (!this.channelSubscriberResolved) {
			this.channelSubscriberResolved = true;
			this.channelSubscriber = findChannelSubscriber();
			if (this.channelSubscriber == null) {
				logger.info("No SalesforceStreamingClient bean (is salesforce.streaming disabled?): "
						+ "@SalesforceListener methods will not receive events");
			}
		}
		return this.channelSubscriber;
	}

	private @Nullable ChannelSubscriber findChannelSubscriber() {
		if (this.beanFactory == null) {
			return null;
		}
		ChannelSubscriber subscriber = this.beanFactory.getBeanProvider(ChannelSubscriber.class).getIfUnique();
		if (subscriber != null) {
			return subscriber;
		}
		SalesforceStreamingClient client = this.beanFactory.getBeanProvider(SalesforceStreamingClient.class)
			.getIfUnique();
		return (client != null) ? ChannelSubscriber.of(client) : null;
	}

	/**
	 * Finds the default error handler among the {@link ListenerErrorHandler} beans that no listener names as its
	 * own: the primary one; else the only one besides the auto-configured default
	 * ({@link SalesforceListenerConfigUtils#DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME}); else that default. A
	 * listener's own handler therefore never displaces the default of the others. Called on the first failure,
	 * when every listener found at startup is registered, so that all of those names are known.
	 */
	private ListenerErrorHandler findDefaultErrorHandler() {
		if (this.beanFactory instanceof ListableBeanFactory listable) {
			List<String> candidates = new ArrayList<>(List.of(listable.getBeanNamesForType(ListenerErrorHandler.class)));
			synchronized (this.monitor) {
				candidates.removeAll(this.listenerOwnErrorHandlers);
			}
			String chosen = chooseDefault(listable, candidates);
			if (chosen != null) {
				return listable.getBean(chosen, ListenerErrorHandler.class);
			}
		}
		EventRecoverer recoverer = (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(EventRecoverer.class).getIfUnique() : null;
		return new DefaultListenerErrorHandler(new FixedBackOff(0, 0),
				(recoverer != null) ? recoverer : new LoggingEventRecoverer());
	}

	private @Nullable String chooseDefault(ListableBeanFactory listable, List<String> candidates) {
		if (candidates.size() <= 1) {
			return candidates.isEmpty() ? null : candidates.get(0);
		}
		if (listable instanceof ConfigurableListableBeanFactory configurable) {
			List<String> primary = candidates.stream()
				.filter((name) -> configurable.containsBeanDefinition(name)
						&& configurable.getBeanDefinition(name).isPrimary())
				.toList();
			if (primary.size() == 1) {
				return primary.get(0);
			}
		}
		List<String> applications = candidates.stream()
			.filter((name) -> !SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME.equals(name))
			.toList();
		if (applications.size() == 1) {
			return applications.get(0);
		}
		logger.warn(() -> "Several ListenerErrorHandler beans " + applications + " and none is primary; "
				+ "listeners without their own error handler use "
				+ (candidates.contains(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME)
						? "the auto-configured one" : "none: they log failures and move on"));
		return candidates.contains(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME)
				? SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME : null;
	}

	/**
	 * The error handler of the listeners that have none of their own (see {@link #findDefaultErrorHandler()}
	 * for how it is chosen).
	 * @return the default error handler
	 */
	public ListenerErrorHandler getDefaultErrorHandler() {
		ListenerErrorHandler handler = this.defaultErrorHandler;
		if (handler == null) {
			handler = findDefaultErrorHandler();
			this.defaultErrorHandler = handler;
		}
		return handler;
	}

	/**
	 * Checks that an endpoint has channels and that each is a Salesforce channel.
	 * @param endpoint the endpoint
	 * @throws IllegalStateException naming the endpoint and the channel to fix
	 */
	static void validateChannels(SalesforceListenerEndpoint endpoint) {
		if (endpoint.getChannels().isEmpty()) {
			throw new IllegalStateException(endpoint.describe() + " has no channel; set one, for example "
					+ "@SalesforceListener(\"/topic/InvoiceUpdates\")");
		}
		for (String channel : endpoint.getChannels()) {
			if (SalesforceChannel.of(channel) == null) {
				throw new IllegalStateException(endpoint.describe() + " listens to '" + channel
						+ "', which is not a Salesforce channel; channels start with "
						+ SalesforceChannel.describeValidNames());
			}
		}
	}

}
