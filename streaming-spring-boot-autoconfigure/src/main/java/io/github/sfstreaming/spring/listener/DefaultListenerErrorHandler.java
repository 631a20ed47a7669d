package io.github.sfstreaming.spring.listener;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The default {@link ListenerErrorHandler}: calls the listener again as long as the {@link BackOff} allows,
 * waiting between attempts, then hands the event to an {@link EventRecoverer}. Errors that retrying cannot fix
 * (the event could not be converted to the listener's arguments, or they were not valid) go to the recoverer at
 * once; add more with {@link #addNotRetryableExceptions(Class[])}. An exception counts as not retryable if it,
 * or any of its causes, is an instance of one of those types.
 *
 * <p>The back-off's attempts are retries: {@code new FixedBackOff(1000, 2)} calls the listener at most three
 * times in all. The waits block the listener's channel, which keeps its events in order; an interrupt during a
 * wait (the application shutting down) gives up without recovering, so the event is not marked handled and is
 * delivered again after a restart.
 */
public class DefaultListenerErrorHandler implements ListenerErrorHandler {

	private static final LogAccessor logger = new LogAccessor(DefaultListenerErrorHandler.class);

	private static final List<Class<? extends Throwable>> DEFAULT_NOT_RETRYABLE = List.of(
			MessageConversionException.class, MethodArgumentResolutionException.class,
			MethodArgumentNotValidException.class, ConversionException.class);

	private final BackOff backOff;

	private final EventRecoverer recoverer;

	// Read on listener threads while the application may still add types.
	private final Set<Class<? extends Throwable>> notRetryable = new CopyOnWriteArraySet<>(DEFAULT_NOT_RETRYABLE);

	/** Creates a handler that retries twice, one second apart, then logs with a {@link LoggingEventRecoverer}. */
	public DefaultListenerErrorHandler() {
		this(new FixedBackOff(1000, 2), new LoggingEventRecoverer());
	}

	/**
	 * Creates a handler.
	 * @param backOff the waits between retries and how many retries there are; for example
	 * {@code new FixedBackOff(0, 0)} for no retries, or an {@code ExponentialBackOff} with max attempts
	 * @param recoverer what to do once retries are exhausted
	 */
	public DefaultListenerErrorHandler(BackOff backOff, EventRecoverer recoverer) {
		Assert.notNull(backOff, "BackOff must not be null");
		Assert.notNull(recoverer, "EventRecoverer must not be null");
		this.backOff = backOff;
		this.recoverer = recoverer;
	}

	/**
	 * Adds exception types that skip the retries and go to the recoverer at once.
	 * @param types the exception types
	 */
	@SafeVarargs
	@SuppressWarnings("varargs")
	public final void addNotRetryableExceptions(Class<? extends Throwable>... types) {
		this.notRetryable.addAll(List.of(types));
	}

	/**
	 * Makes an exception type retryable again, one of the defaults for example.
	 * @param type the exception type
	 * @return whether it was in the not-retryable list
	 */
	public boolean removeNotRetryableException(Class<? extends Throwable> type) {
		return this.notRetryable.remove(type);
	}

	/** The back-off in use. */
	public BackOff getBackOff() {
		return this.backOff;
	}

	/** The recoverer in use. */
	public EventRecoverer getRecoverer() {
		return this.recoverer;
	}

	@Override
	public void handle(StreamingEvent event, Exception error, ListenerInvocation invocation) throws Exception {
		Exception last = error;
		if (isRetryable(error)) {
			BackOffExecution execution = this.backOff.start();
			int attempt = 0;
			for (long wait = execution.nextBackOff(); wait != BackOffExecution.STOP; wait = execution.nextBackOff()) {
				int retry = ++attempt;
				long delay = wait;
				Exception failure = last;
				logger.debug(failure, () -> "Listener '" + invocation.listenerId() + "' failed on event "
						+ event.replayId() + " of channel " + event.channel() + "; retry " + retry + " in " + delay
						+ " ms");
				if (!pause(wait)) {
					throw last;
				}
				try {
					invocation.invoke();
					return;
				}
				catch (Exception ex) {
					last = ex;
					if (!isRetryable(ex)) {
						break;
					}
				}
			}
		}
		this.recoverer.recover(event, last);
	}

	/**
	 * Whether retrying may fix the given error.
	 * @param error the error
	 * @return {@code false} if it or one of its causes is of a not-retryable type
	 */
	protected boolean isRetryable(Throwable error) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			for (Class<? extends Throwable> type : this.notRetryable) {
				if (type.isInstance(candidate)) {
					return false;
				}
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return true;
	}

	/**
	 * Waits before a retry.
	 * @param millis how long
	 * @return {@code false} if interrupted (the interrupt flag is then set again)
	 */
	protected boolean pause(long millis) {
		if (millis <= 0) {
			return !Thread.currentThread().isInterrupted();
		}
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
