package io.github.sfstreaming.spring.listener;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The default {@link ListenerErrorHandler}: retries the listener with Spring Framework's
 * {@link RetryTemplate} as its {@link RetryPolicy} allows, then hands the event to an {@link EventRecoverer}.
 * Errors that retrying cannot fix (the event could not be converted to the listener's arguments, or they were not
 * valid) go to the recoverer at once, whatever the policy says; an exception counts as one of those if it, or
 * any of its causes, has one of those types. Exclude more with the policy's
 * {@link RetryPolicy.Builder#excludes(Class[]) excludes}, which match causes too.
 *
 * <p>The policy's retries follow the first call: {@code RetryPolicy.builder().maxRetries(2)} calls the listener
 * at most three times in all. The back-off waits block the listener's channel, which keeps its events in order;
 * an interrupt during a wait (the application shutting down) gives up without recovering, so the event is not
 * marked handled and is delivered again after a restart.
 *
 * <p>Batches: when the listener names the failed event with a {@link BatchListenerFailedException}, the events
 * before it are handled, the rest of the batch is retried from it, and once retries are exhausted only the failed
 * event is recovered and the listener is called with the events after it (with retries of their own). Without an
 * index the whole batch is retried, then each of its events is recovered in turn.
 */
public class DefaultListenerErrorHandler implements ListenerErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(DefaultListenerErrorHandler.class);

	/** The exceptions that retrying cannot fix, which skip the retries. */
	public static final List<Class<? extends Throwable>> NOT_RETRYABLE = List.of(MessageConversionException.class,
			MethodArgumentResolutionException.class, MethodArgumentNotValidException.class,
			ConversionException.class);

	private final RetryPolicy retryPolicy;

	private final EventRecoverer recoverer;

	// Read on listener threads while the application may still add types.
	private final Set<Class<? extends Throwable>> notRetryable = new CopyOnWriteArraySet<>(NOT_RETRYABLE);

	/** Creates a handler that retries twice, one second apart, then logs with a {@link LoggingEventRecoverer}. */
	public DefaultListenerErrorHandler() {
		this(RetryPolicy.builder().maxRetries(2).delay(Duration.ofSeconds(1)).multiplier(1).build(),
				new LoggingEventRecoverer());
	}

	/**
	 * Creates a handler.
	 * @param retryPolicy how often and how far apart to retry, and which exceptions not to retry; for example
	 * {@code RetryPolicy.withMaxRetries(0)} for no retries
	 * @param recoverer what to do once retries are exhausted
	 */
	public DefaultListenerErrorHandler(RetryPolicy retryPolicy, EventRecoverer recoverer) {
		Assert.notNull(retryPolicy, "RetryPolicy must not be null");
		Assert.notNull(recoverer, "EventRecoverer must not be null");
		this.retryPolicy = retryPolicy;
		this.recoverer = recoverer;
	}

	/**
	 * Creates a handler from a back-off.
	 * @param backOff the waits between retries and how many retries there are
	 * @param recoverer what to do once retries are exhausted
	 * @deprecated since 0.2 for removal in 0.3; use {@link #DefaultListenerErrorHandler(RetryPolicy, EventRecoverer)}
	 * with {@code RetryPolicy.builder().backOff(backOff).build()}
	 */
	@Deprecated(since = "0.2", forRemoval = true)
	public DefaultListenerErrorHandler(BackOff backOff, EventRecoverer recoverer) {
		this(RetryPolicy.builder().backOff(backOff).build(), recoverer);
	}

	/**
	 * Adds exception types that skip the retries and go to the recoverer at once.
	 * @param types the exception types
	 * @deprecated since 0.2 for removal in 0.3; use the retry policy's
	 * {@link RetryPolicy.Builder#excludes(Class[]) excludes}
	 */
	@SafeVarargs
	@SuppressWarnings("varargs")
	@Deprecated(since = "0.2", forRemoval = true)
	public final void addNotRetryableExceptions(Class<? extends Throwable>... types) {
		this.notRetryable.addAll(List.of(types));
	}

	/**
	 * Makes one of the {@link #NOT_RETRYABLE} exception types retryable again, if the policy retries it.
	 * @param type the exception type
	 * @return whether it was in the not-retryable list
	 */
	public boolean removeNotRetryableException(Class<? extends Throwable> type) {
		return this.notRetryable.remove(type);
	}

	/** The retry policy in use. */
	public RetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/** The back-off of the retry policy in use. */
	public BackOff getBackOff() {
		return this.retryPolicy.getBackOff();
	}

	/** The recoverer in use. */
	public EventRecoverer getRecoverer() {
		return this.recoverer;
	}

	@Override
	public void handle(StreamingEvent event, Exception error, ListenerInvocation invocation) throws Exception {
		Attempts attempts = new Attempts(error, invocation::invoke);
		try {
			new RetryTemplate(this.effectivePolicy).execute(attempts);
		}
		catch (RetryException ex) {
			Exception last = asException(ex.getLastException());
			if (Thread.currentThread().isInterrupted()) {
				throw last;
			}
			logger.debug("Listener '{}' failed on event {} of channel {} after {} retries", invocation.listenerId(),
					event.replayId(), event.channel(), ex.getRetryCount(), last);
			this.recoverer.recover(event, last);
		}
	}

	@Override
	public void handleBatch(List<StreamingEvent> events, Exception error, BatchListenerInvocation invocation)
			throws Exception {
		int offset = 0;
		Exception failure = error;
		while (offset < events.size()) {
			List<StreamingEvent> remaining = events.subList(offset, events.size());
			BatchListenerFailedException failed = BatchListenerFailedException.find(failure);
			int index = (failed != null) ? Math.min(failed.getIndex(), remaining.size() - 1) : -1;
			int start = offset + Math.max(index, 0);
			BatchAttempts attempts = new BatchAttempts(failure, events, start, invocation);
			try {
				new RetryTemplate(this.effectivePolicy).execute(attempts);
				if (attempts.progress == null) {
					return;
				}
				// A retry got past the failed event and failed on a later one: retry from there, afresh.
				offset = attempts.progressOffset;
				failure = attempts.progress;
				continue;
			}
			catch (RetryException ex) {
				Exception last = asException(ex.getLastException());
				if (Thread.currentThread().isInterrupted()) {
					throw new BatchListenerFailedException(start, last);
				}
				if (index < 0) {
					recoverAll(events, start, last);
					return;
				}
				recover(events, start, last);
				offset = start + 1;
				if (offset >= events.size()) {
					return;
				}
				try {
					invocation.invoke(events.subList(offset, events.size()));
					return;
				}
				catch (ListenerExecutionFailedException next) {
					failure = next;
				}
			}
		}
	}

	private void recoverAll(List<StreamingEvent> events, int start, Exception cause) throws Exception {
		for (int i = start; i < events.size(); i++) {
			recover(events, i, cause);
		}
	}

	private void recover(List<StreamingEvent> events, int index, Exception cause) throws Exception {
		try {
			this.recoverer.recover(events.get(index), cause);
		}
		catch (Exception ex) {
			throw new BatchListenerFailedException(index, ex);
		}
	}

	private final RetryPolicy effectivePolicy = new RetryPolicy() {

		@Override
		public boolean shouldRetry(Throwable throwable) {
			return isRetryable(throwable) && DefaultListenerErrorHandler.this.retryPolicy.shouldRetry(throwable);
		}

		@Override
		public Duration getTimeout() {
			return DefaultListenerErrorHandler.this.retryPolicy.getTimeout();
		}

		@Override
		public BackOff getBackOff() {
			return DefaultListenerErrorHandler.this.retryPolicy.getBackOff();
		}

	};

	/**
	 * Whether retrying may fix the given error, before the policy is asked.
	 * @param error the error
	 * @return {@code false} if it or one of its causes is of a not-retryable type
	 */
	protected boolean isRetryable(Throwable error) {
		for (@Nullable Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
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

	private static Exception asException(Throwable error) {
		if (error instanceof Error fatal) {
			throw fatal;
		}
		return (Exception) error;
	}

	/** The retry template's attempts, of which the first one has already failed. */
	private static final class Attempts implements org.springframework.core.retry.Retryable<Boolean> {

		private @Nullable Exception first;

		private final Runnable invocation;

		Attempts(Exception first, Runnable invocation) {
			this.first = first;
			this.invocation = invocation;
		}

		@Override
		public Boolean execute() throws Exception {
			Exception failure = this.first;
			if (failure != null) {
				this.first = null;
				throw failure;
			}
			this.invocation.run();
			return Boolean.TRUE; // a value: RetryTemplate wants one
		}

	}

	/**
	 * Attempts at a batch from one event on. A retry that fails on a later event of the batch ends the attempts,
	 * with progress, so that that event gets retries of its own.
	 */
	private static final class BatchAttempts implements org.springframework.core.retry.Retryable<Boolean> {

		private @Nullable Exception first;

		private final List<StreamingEvent> events;

		private final int start;

		private final BatchListenerInvocation invocation;

		@Nullable Exception progress;

		int progressOffset;

		BatchAttempts(Exception first, List<StreamingEvent> events, int start, BatchListenerInvocation invocation) {
			this.first = first;
			this.events = events;
			this.start = start;
			this.invocation = invocation;
		}

		@Override
		public Boolean execute() throws Exception {
			Exception failure = this.first;
			if (failure != null) {
				this.first = null;
				throw failure;
			}
			try {
				this.invocation.invoke(this.events.subList(this.start, this.events.size()));
			}
			catch (ListenerExecutionFailedException ex) {
				BatchListenerFailedException failed = BatchListenerFailedException.find(ex);
				if (failed != null && failed.getIndex() > 0) {
					this.progress = ex;
					this.progressOffset = this.start;
					return Boolean.TRUE; // a value: RetryTemplate wants one
				}
				throw ex;
			}
			return Boolean.TRUE; // a value: RetryTemplate wants one
		}

	}

}
