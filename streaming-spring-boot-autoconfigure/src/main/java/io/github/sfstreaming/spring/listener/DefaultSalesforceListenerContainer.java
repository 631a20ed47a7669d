package io.github.sfstreaming.spring.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.micrometer.DefaultSalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.ListenerCallTimers;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerReceiverContext;

/**
 * The {@link SalesforceListenerContainer} that
 * {@link io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory} creates: calls its listener, an {@link EventHandler} or a {@link BatchEventHandler}, observed, then the
 * listener's own {@link SalesforceListenerErrorHandler} if it throws, then the container's
 * {@link ListenerErrorHandler} if that throws too. It receives its channels' events through a
 * {@link ListenerChannelRouter}, which subscribes a channel while one of its containers is active.
 */
public class DefaultSalesforceListenerContainer implements SalesforceListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(DefaultSalesforceListenerContainer.class);

	/** The default {@link #setBatchMaxSize(int) maximum batch size}. */
	public static final int DEFAULT_BATCH_MAX_SIZE = 32;

	private final String id;

	private final Set<String> channels;

	private final @Nullable EventHandler listener;

	private final @Nullable BatchEventHandler batchListener;

	private final ListenerErrorHandler errorHandler;

	private @Nullable SalesforceListenerErrorHandler listenerErrorHandler;

	private boolean autoStartup = true;

	private int phase = DEFAULT_PHASE;

	private int batchMaxSize = DEFAULT_BATCH_MAX_SIZE;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable SalesforceListenerObservationConvention observationConvention;

	/** Worked out when the container starts: meters that time each call instead of an observation, if any. */
	private volatile @Nullable ListenerCallTimers callTimers;

	private @Nullable ListenerChannelRouter router;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	private volatile boolean paused;

	/**
	 * Creates a container.
	 * @param id the listener's id
	 * @param channels the channels it listens to
	 * @param listener the listener: an {@link EventHandler}, or a {@link BatchEventHandler} for a batch listener
	 * @param errorHandler the container's error handler
	 */
	public DefaultSalesforceListenerContainer(String id, Set<String> channels, Object listener,
			ListenerErrorHandler errorHandler) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.isTrue(listener instanceof EventHandler || listener instanceof BatchEventHandler,
				() -> "Listener '" + id + "' is a " + listener.getClass().getName()
						+ ", neither an EventHandler nor a BatchEventHandler");
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.id = id;
		this.channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
		this.batchListener = (listener instanceof BatchEventHandler batch) ? batch : null;
		this.listener = (this.batchListener == null) ? (EventHandler) listener : null;
		this.errorHandler = errorHandler;
	}

	/**
	 * Sets the router the container receives its channels' events through; the registry sets its own.
	 * @param router the router
	 */
	public void setChannelRouter(ListenerChannelRouter router) {
		Assert.state(this.router == null, () -> "Listener '" + this.id + "' is registered already");
		this.router = router;
		router.register(this);
	}

	/**
	 * Sets the listener's own error handler, called before the container's.
	 * @param listenerErrorHandler the handler, or {@code null} for none
	 */
	public void setListenerErrorHandler(@Nullable SalesforceListenerErrorHandler listenerErrorHandler) {
		this.listenerErrorHandler = listenerErrorHandler;
	}

	/**
	 * Sets whether the container starts with its registry (default {@code true}).
	 * @param autoStartup whether it starts
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Sets the container's lifecycle phase.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	/**
	 * Sets the largest batch a batch listener receives (default {@value #DEFAULT_BATCH_MAX_SIZE}).
	 * @param batchMaxSize the maximum number of events per call
	 */
	public void setBatchMaxSize(int batchMaxSize) {
		Assert.isTrue(batchMaxSize > 0, "'batchMaxSize' must be positive");
		this.batchMaxSize = batchMaxSize;
		ListenerChannelRouter router = this.router;
		if (router != null) {
			router.batchMaxSizeChanged(this);
		}
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

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public Set<String> getChannels() {
		return this.channels;
	}

	@Override
	public boolean isBatchListener() {
		return this.batchListener != null;
	}

	/** The largest batch a batch listener receives. */
	public int getBatchMaxSize() {
		return this.batchMaxSize;
	}

	/** The listener: an {@link EventHandler} or a {@link BatchEventHandler}. */
	public Object getListener() {
		return (this.batchListener != null) ? this.batchListener : this.requireListener();
	}

	/** The container's error handler. */
	public ListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/** The listener's own error handler, if any. */
	public @Nullable SalesforceListenerErrorHandler getListenerErrorHandler() {
		return this.listenerErrorHandler;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Subscribes the channels no other active container has subscribed; they resume from their stored replay
	 * ids. Does nothing if running already.
	 * @throws IllegalStateException if there is no streaming client (streaming is disabled)
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.callTimers = ListenerCallTimers.forRegistry(this.observationRegistry, this.observationConvention);
			try {
				if (!this.paused) {
					requireRouter().activate(this);
				}
			}
			catch (RuntimeException ex) {
				this.running = false;
				throw ex;
			}
		}
		logger.debug("Started listener '{}' on {}", this.id, this.channels);
	}

	/**
	 * Stops: the listener receives no more events; channels left without an active container are unsubscribed.
	 * An event it is handling is finished.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			requireRouter().deactivate(this);
		}
		logger.info("Stopped listener '{}'", this.id);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void pause() {
		synchronized (this.lifecycleMonitor) {
			if (this.paused) {
				return;
			}
			this.paused = true;
			if (this.running) {
				requireRouter().deactivate(this);
			}
		}
		logger.info("Paused listener '{}'", this.id);
	}

	@Override
	public void resume() {
		synchronized (this.lifecycleMonitor) {
			if (!this.paused) {
				return;
			}
			this.paused = false;
			if (this.running) {
				requireRouter().activate(this);
			}
		}
		logger.info("Resumed listener '{}'", this.id);
	}

	@Override
	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * Hands an event to the listener, and to the error handlers if it throws. A batch listener receives it as a
	 * batch of one.
	 * @param event the event
	 * @throws Exception if the error handler gave up: the event is then not handled
	 */
	public void handle(StreamingEvent event) throws Exception {
		if (this.batchListener != null) {
			handleBatch(List.of(event));
			return;
		}
		ListenerInvocation invocation = new Invocation(event);
		try {
			invocation.invoke();
		}
		catch (ListenerExecutionFailedException ex) {
			this.errorHandler.handle(event, ex, invocation);
		}
	}

	/**
	 * Hands events of one channel to the listener, in order: a batch listener receives them in batches of at most
	 * {@link #getBatchMaxSize()}, another listener one at a time.
	 * @param events the events, in replay-id order
	 * @throws BatchListenerFailedException naming the first event that is not handled, its index in
	 * {@code events}; the ones after it have been handed to the listener too
	 * @throws Exception if none of them is handled
	 */
	public void handleBatch(List<StreamingEvent> events) throws Exception {
		int firstFailed = -1;
		@Nullable Exception failure = null;
		int step = (this.batchListener != null) ? this.batchMaxSize : 1;
		for (int from = 0; from < events.size(); from += step) {
			List<StreamingEvent> part = events.subList(from, Math.min(from + step, events.size()));
			try {
				if (this.batchListener != null) {
					handleOneBatch(part);
				}
				else {
					handle(part.get(0));
				}
			}
			catch (Exception ex) {
				if (failure == null) {
					BatchListenerFailedException failed = BatchListenerFailedException.find(ex);
					firstFailed = from + ((failed != null) ? failed.getIndex() : 0);
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw (firstFailed == 0 && !(failure instanceof BatchListenerFailedException)) ? failure
					: new BatchListenerFailedException(firstFailed, failure);
		}
	}

	private void handleOneBatch(List<StreamingEvent> batch) throws Exception {
		BatchInvocation invocation = new BatchInvocation();
		try {
			invocation.invoke(batch);
		}
		catch (ListenerExecutionFailedException ex) {
			this.errorHandler.handleBatch(batch, ex, invocation);
		}
	}

	private ListenerChannelRouter requireRouter() {
		ListenerChannelRouter router = this.router;
		Assert.state(router != null, () -> "Listener '" + this.id + "' is not registered with a "
				+ "SalesforceListenerEndpointRegistry, which routes its channels' events to it");
		return router;
	}

	private EventHandler requireListener() {
		EventHandler listener = this.listener;
		Assert.state(listener != null, "No listener");
		return listener;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[id=" + this.id + ", channels=" + this.channels
				+ ((this.batchListener != null) ? ", batch" : "") + "]";
	}

	private Observation startObservation(StreamingEvent event) {
		Observation observation = SalesforceListenerObservation.LISTENER_OBSERVATION.observation(
				this.observationConvention, DefaultSalesforceListenerObservationConvention.INSTANCE,
				() -> new SalesforceListenerReceiverContext(this.id, event), this.observationRegistry);
		return observation.start();
	}

	private final class Invocation implements ListenerInvocation {

		private final StreamingEvent event;

		Invocation(StreamingEvent event) {
			this.event = event;
		}

		@Override
		public String listenerId() {
			return DefaultSalesforceListenerContainer.this.id;
		}

		@Override
		public void invoke() {
			DefaultSalesforceListenerContainer container = DefaultSalesforceListenerContainer.this;
			ListenerCallTimers timers = container.callTimers;
			if (timers != null) {
				timed(timers);
				return;
			}
			Observation observation = container.startObservation(this.event);
			try (Observation.Scope scope = observation.openScope()) {
				callListener();
			}
			catch (ListenerExecutionFailedException ex) {
				observation.error(recorded(ex));
				throw ex;
			}
			catch (Exception ex) {
				observation.error(ex);
				throw asFailure(ex, this.event);
			}
			finally {
				observation.stop();
			}
		}

		/** The same call, timed as the observation would have been (see {@link ListenerCallTimers}). */
		private void timed(ListenerCallTimers timers) {
			@Nullable Object call = timers.start(DefaultSalesforceListenerContainer.this.id, this.event);
			@Nullable Throwable error = null;
			try {
				callListener();
			}
			catch (ListenerExecutionFailedException ex) {
				error = recorded(ex);
				throw ex;
			}
			catch (Exception ex) {
				error = ex;
				throw asFailure(ex, this.event);
			}
			finally {
				timers.stop(call, error);
			}
		}

		/** The listener, then its own error handler if it throws. */
		private void callListener() throws Exception {
			DefaultSalesforceListenerContainer container = DefaultSalesforceListenerContainer.this;
			try {
				container.requireListener().handle(this.event);
			}
			catch (Exception ex) {
				ListenerExecutionFailedException failure = asFailure(ex, this.event);
				SalesforceListenerErrorHandler own = container.listenerErrorHandler;
				if (own == null) {
					throw failure;
				}
				own.handleError(this.event, failure);
			}
		}

	}

	private final class BatchInvocation implements BatchListenerInvocation {

		@Override
		public String listenerId() {
			return DefaultSalesforceListenerContainer.this.id;
		}

		@Override
		public void invoke(List<StreamingEvent> events) {
			DefaultSalesforceListenerContainer container = DefaultSalesforceListenerContainer.this;
			BatchEventHandler batchListener = container.batchListener;
			Assert.state(batchListener != null, "Not a batch listener");
			// One observation per call, tagged with the batch's first event.
			Observation observation = container.startObservation(events.get(0));
			try (Observation.Scope scope = observation.openScope()) {
				try {
					batchListener.handleBatch(new ArrayList<>(events));
				}
				catch (Exception ex) {
					ListenerExecutionFailedException failure = asFailure(ex, failedEvent(ex, events));
					SalesforceListenerErrorHandler own = container.listenerErrorHandler;
					if (own == null) {
						throw failure;
					}
					own.handleBatchError(events, failure);
				}
			}
			catch (ListenerExecutionFailedException ex) {
				observation.error((ex.getCause() != null) ? ex.getCause() : ex);
				throw ex;
			}
			catch (Exception ex) {
				observation.error(ex);
				throw asFailure(ex, failedEvent(ex, events));
			}
			finally {
				observation.stop();
			}
		}

		private StreamingEvent failedEvent(Exception ex, List<StreamingEvent> events) {
			BatchListenerFailedException failed = BatchListenerFailedException.find(ex);
			int index = (failed != null) ? Math.min(failed.getIndex(), events.size() - 1) : 0;
			return events.get(index);
		}

	}

	/** What an observation records of a failure: what the listener threw, not the wrapper. */
	private static Throwable recorded(ListenerExecutionFailedException ex) {
		return (ex.getCause() != null) ? ex.getCause() : ex;
	}

	private ListenerExecutionFailedException asFailure(Exception ex, StreamingEvent event) {
		return (ex instanceof ListenerExecutionFailedException failure) ? failure
				: new ListenerExecutionFailedException(this.id, event, ex);
	}

}
