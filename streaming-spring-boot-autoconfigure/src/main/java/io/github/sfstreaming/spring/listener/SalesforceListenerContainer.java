package io.github.sfstreaming.spring.listener;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.micrometer.DefaultSalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerReceiverContext;

/**
 * One listener, ready to run: its id and channels, the handler that calls it, and the error handler that decides
 * what happens when it throws. Whether it is running is up to the
 * {@link io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry registry}.
 */
public class SalesforceListenerContainer {

	private final String id;

	private final Set<String> channels;

	private final EventHandler listener;

	private final ListenerErrorHandler errorHandler;

	private final boolean autoStartup;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable SalesforceListenerObservationConvention observationConvention;

	/**
	 * Creates a container.
	 * @param id the listener's id
	 * @param channels the channels it listens to
	 * @param listener calls the listener
	 * @param errorHandler handles the listener's failures
	 * @param autoStartup whether it starts with the application
	 */
	public SalesforceListenerContainer(String id, Set<String> channels, EventHandler listener,
			ListenerErrorHandler errorHandler, boolean autoStartup) {
		this.id = id;
		this.channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
		this.listener = listener;
		this.errorHandler = errorHandler;
		this.autoStartup = autoStartup;
	}

	/**
	 * Sets the registry of the {@link SalesforceListenerObservation observation} of each listener call; none
	 * ({@link ObservationRegistry#NOOP}) by default.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets the observation convention, instead of {@link DefaultSalesforceListenerObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable SalesforceListenerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/** The listener's id. */
	public String getId() {
		return this.id;
	}

	/** The channels the listener listens to. */
	public Set<String> getChannels() {
		return this.channels;
	}

	/** The handler that calls the listener. */
	public EventHandler getListener() {
		return this.listener;
	}

	/** The listener's error handler. */
	public ListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/** Whether the listener starts with the application. */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Hands an event to the listener, and to the error handler if the listener throws.
	 * @param event the event
	 * @throws Exception if the error handler gave up: the event is then not handled
	 */
	public void handle(StreamingEvent event) throws Exception {
		ListenerInvocation invocation = new Invocation(event);
		try {
			invocation.invoke();
		}
		catch (ListenerExecutionFailedException ex) {
			this.errorHandler.handle(event, ex, invocation);
		}
	}

	@Override
	public String toString() {
		return "SalesforceListenerContainer[id=" + this.id + ", channels=" + this.channels + "]";
	}

	private final class Invocation implements ListenerInvocation {

		private final StreamingEvent event;

		Invocation(StreamingEvent event) {
			this.event = event;
		}

		@Override
		public String listenerId() {
			return SalesforceListenerContainer.this.id;
		}

		@Override
		public void invoke() {
			SalesforceListenerContainer container = SalesforceListenerContainer.this;
			Observation observation = SalesforceListenerObservation.LISTENER_OBSERVATION.observation(
					container.observationConvention, DefaultSalesforceListenerObservationConvention.INSTANCE,
					() -> new SalesforceListenerReceiverContext(container.id, this.event),
					container.observationRegistry);
			observation.start();
			try (Observation.Scope scope = observation.openScope()) {
				container.listener.handle(this.event);
			}
			catch (ListenerExecutionFailedException ex) {
				observation.error((ex.getCause() != null) ? ex.getCause() : ex);
				throw ex;
			}
			catch (Exception ex) {
				observation.error(ex);
				throw new ListenerExecutionFailedException(container.id, this.event, ex);
			}
			finally {
				observation.stop();
			}
		}

	}

}
