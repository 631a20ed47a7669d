package io.github.sfstreaming.spring.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.ListenerChannelRouter;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;
import io.github.sfstreaming.spring.support.SalesforceChannel;

/**
 * Holds the application's listener containers, as spring-jms's {@code JmsListenerEndpointRegistry} does: creates
 * one per endpoint with the endpoint's {@link SalesforceListenerContainerFactory}, starts those that start
 * automatically when the application starts and stops them all when it stops (it is a {@link SmartLifecycle}),
 * and gives access to each by id:
 * <pre>{@code
 * registry.getListenerContainer("invoices").stop();   // the listener receives nothing more
 * registry.getListenerContainer("invoices").start();  // resubscribes; resumes from the stored replay id
 * }</pre>
 *
 * <p>Containers receive their channels' events through the registry's {@link ListenerChannelRouter}, which
 * subscribes a channel with the streaming client while one of its containers is active. The client is found
 * lazily: a {@link ChannelSubscriber} bean, else the {@link SalesforceStreamingClient} bean; with neither
 * (streaming disabled) listeners are registered but never run.
 *
 * <p>The registry's phase is {@link #DEFAULT_PHASE}, below the streaming client's lifecycle, so that the
 * listeners' channels are subscribed before the client connects, and stop after the client has stopped.
 */
public class SalesforceListenerEndpointRegistry implements SmartLifecycle, BeanFactoryAware {

	/** The default phase: just before the streaming client's lifecycle, which starts after the web server. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 200;

	private static final Logger logger = LoggerFactory.getLogger(SalesforceListenerEndpointRegistry.class);

	private final Object monitor = new Object();

	// A leaf lock: taken by the router, under container and registry locks.
	private final Object subscriberMonitor = new Object();

	private final Map<String, SalesforceListenerContainer> containers = new LinkedHashMap<>();

	private final Map<String, String> descriptions = new LinkedHashMap<>();

	private final ListenerChannelRouter router = new ListenerChannelRouter(this::getChannelSubscriber);

	private @Nullable BeanFactory beanFactory;

	private @Nullable ChannelSubscriber channelSubscriber;

	private boolean channelSubscriberResolved;

	private final DefaultSalesforceListenerContainerFactory plainContainerFactory =
			new DefaultSalesforceListenerContainerFactory();

	private int phase = DEFAULT_PHASE;

	private volatile boolean running;

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
		synchronized (this.subscriberMonitor) {
			this.channelSubscriber = channelSubscriber;
			this.channelSubscriberResolved = true;
		}
	}

	/**
	 * Sets the registry's lifecycle phase.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	/**
	 * Creates a listener's container with a factory and registers it.
	 * @param endpoint the listener's endpoint
	 * @param factory creates its container
	 * @param messageHandlerMethodFactory for endpoints that call a method
	 * @param startImmediately whether to start the container at once if it starts automatically (for endpoints
	 * registered after the application has started)
	 * @return the listener's container
	 * @throws IllegalStateException if a listener with the same id exists or a channel is not a Salesforce channel
	 */
	public SalesforceListenerContainer registerListenerContainer(SalesforceListenerEndpoint endpoint,
			SalesforceListenerContainerFactory factory, MessageHandlerMethodFactory messageHandlerMethodFactory,
			boolean startImmediately) {
		validateChannels(endpoint);
		String id = endpoint.getId();
		Assert.state(StringUtils.hasText(id), () -> "No id set on " + endpoint.describe());
		synchronized (this.monitor) {
			SalesforceListenerContainer existing = this.containers.get(id);
			if (existing != null) {
				throw new IllegalStateException("Duplicate listener id '" + id + "': used by " + endpoint.describe()
						+ " and by " + this.descriptions.get(id) + " (channels " + existing.getChannels()
						+ "); set a distinct id, for example @SalesforceListener(id = \"...\")");
			}
			SalesforceListenerContainer container = factory.createListenerContainer(endpoint,
					messageHandlerMethodFactory);
			if (container instanceof DefaultSalesforceListenerContainer routed) {
				routed.setChannelRouter(this.router);
			}
			this.containers.put(id, container);
			this.descriptions.put(id, endpoint.describe());
			if (startImmediately && container.isAutoStartup() && this.router.isAvailable()) {
				container.start();
			}
			return container;
		}
	}

	/**
	 * Registers a listener with a plain {@link DefaultSalesforceListenerContainerFactory} (no retries, a
	 * {@link io.github.sfstreaming.spring.listener.LoggingEventRecoverer}, no observation) and, if it starts
	 * automatically and a client is available, starts it.
	 * @param endpoint the listener's endpoint
	 * @param messageHandlerMethodFactory for endpoints that call a method
	 * @return the listener's container
	 * @deprecated since 0.2 for removal in 0.3: use
	 * {@code registerListenerContainer(endpoint, factory, messageHandlerMethodFactory, startImmediately)}
	 */
	@Deprecated(since = "0.2", forRemoval = true)
	public SalesforceListenerContainer registerListener(SalesforceListenerEndpoint endpoint,
			MessageHandlerMethodFactory messageHandlerMethodFactory) {
		return registerListenerContainer(endpoint, this.plainContainerFactory, messageHandlerMethodFactory, true);
	}

	/** The ids of every registered listener, in registration order. */
	public Set<String> getListenerIds() {
		synchronized (this.monitor) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.containers.keySet()));
		}
	}

	/**
	 * Returns a listener's container.
	 * @param id the listener's id
	 * @return its container, or {@code null} if there is no such listener
	 */
	public @Nullable SalesforceListenerContainer getListenerContainer(String id) {
		synchronized (this.monitor) {
			return this.containers.get(id);
		}
	}

	/** Every listener's container, in registration order. */
	public Collection<SalesforceListenerContainer> getListenerContainers() {
		synchronized (this.monitor) {
			return Collections.unmodifiableList(new ArrayList<>(this.containers.values()));
		}
	}

	/**
	 * Whether a listener is running.
	 * @param id the listener's id
	 * @return whether it runs
	 * @throws IllegalArgumentException if there is no such listener
	 */
	public boolean isRunning(String id) {
		return getContainer(id).isRunning();
	}

	/**
	 * Starts a listener, as {@code getListenerContainer(id).start()}.
	 * @param id the listener's id
	 * @throws IllegalArgumentException if there is no such listener
	 * @throws IllegalStateException if there is no streaming client (streaming is disabled)
	 */
	public void start(String id) {
		getContainer(id).start();
	}

	/**
	 * Stops a listener, as {@code getListenerContainer(id).stop()}.
	 * @param id the listener's id
	 * @throws IllegalArgumentException if there is no such listener
	 */
	public void stop(String id) {
		getContainer(id).stop();
	}

	/** Starts every container that starts automatically, unless there is no streaming client. */
	@Override
	public void start() {
		List<SalesforceListenerContainer> toStart = new ArrayList<>();
		synchronized (this.monitor) {
			this.running = true;
			if (!this.router.isAvailable()) {
				return;
			}
			this.containers.values().stream().filter(SalesforceListenerContainer::isAutoStartup).forEach(toStart::add);
		}
		toStart.forEach(SalesforceListenerContainer::start);
	}

	/** Stops every container. */
	@Override
	public void stop() {
		List<SalesforceListenerContainer> toStop;
		synchronized (this.monitor) {
			this.running = false;
			toStop = new ArrayList<>(this.containers.values());
		}
		toStop.forEach(SalesforceListenerContainer::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	private SalesforceListenerContainer getContainer(String id) {
		synchronized (this.monitor) {
			SalesforceListenerContainer container = this.containers.get(id);
			if (container == null) {
				throw new IllegalArgumentException("No listener with id '" + id + "'; known ids: "
						+ this.containers.keySet());
			}
			return container;
		}
	}

	private @Nullable ChannelSubscriber getChannelSubscriber() {
		synchronized (this.subscriberMonitor) {
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
