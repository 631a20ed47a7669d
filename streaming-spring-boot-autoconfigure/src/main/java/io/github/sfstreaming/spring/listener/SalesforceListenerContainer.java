package io.github.sfstreaming.spring.listener;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;

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
			try {
				SalesforceListenerContainer.this.listener.handle(this.event);
			}
			catch (ListenerExecutionFailedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new ListenerExecutionFailedException(SalesforceListenerContainer.this.id, this.event, ex);
			}
		}

	}

}
