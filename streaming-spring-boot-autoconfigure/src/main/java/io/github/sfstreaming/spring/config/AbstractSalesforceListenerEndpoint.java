package io.github.sfstreaming.spring.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler;

/**
 * Base class of {@link SalesforceListenerEndpoint}s: holds the id, channels, auto-startup and batch flags and the
 * listener's own error handler.
 */
@SuppressWarnings("removal")
public abstract class AbstractSalesforceListenerEndpoint implements SalesforceListenerEndpoint {

	private String id = "";

	private Set<String> channels = Set.of();

	private boolean autoStartup = true;

	private @Nullable ListenerErrorHandler errorHandler;

	private @Nullable SalesforceListenerErrorHandler listenerErrorHandler;

	private @Nullable Boolean batchListener;

	/**
	 * Sets the listener's id, unique in the application.
	 * @param id the id
	 */
	public void setId(String id) {
		this.id = id;
	}

	@Override
	public String getId() {
		return this.id;
	}

	/**
	 * Sets the channels to listen to; duplicates count once.
	 * @param channels the channels, for example {@code /topic/InvoiceUpdates}
	 */
	public void setChannels(Collection<String> channels) {
		this.channels = new LinkedHashSet<>(channels);
	}

	/**
	 * Sets the channels to listen to; duplicates count once.
	 * @param channels the channels, for example {@code /topic/InvoiceUpdates}
	 */
	public void setChannels(String... channels) {
		setChannels(Arrays.asList(channels));
	}

	@Override
	public Set<String> getChannels() {
		return this.channels;
	}

	/**
	 * Sets whether the listener starts with the application (default {@code true}).
	 * @param autoStartup whether it starts
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Sets a container error handler of this listener's own.
	 * @param errorHandler the error handler, or {@code null} for the container factory's
	 * @deprecated since 0.2 for removal in 0.3: use {@link #setListenerErrorHandler} or a container factory of
	 * the listener's own
	 */
	@Deprecated(since = "0.2", forRemoval = true)
	public void setErrorHandler(@Nullable ListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	@Override
	@Deprecated(since = "0.2", forRemoval = true)
	public @Nullable ListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Sets the listener's own error handler, called before the container's.
	 * @param listenerErrorHandler the handler, or {@code null} for none
	 */
	public void setListenerErrorHandler(@Nullable SalesforceListenerErrorHandler listenerErrorHandler) {
		this.listenerErrorHandler = listenerErrorHandler;
	}

	@Override
	public @Nullable SalesforceListenerErrorHandler getListenerErrorHandler() {
		return this.listenerErrorHandler;
	}

	/**
	 * Sets whether the listener takes its events in batches.
	 * @param batchListener whether it does, or {@code null} to follow its container factory
	 */
	public void setBatchListener(@Nullable Boolean batchListener) {
		this.batchListener = batchListener;
	}

	@Override
	public @Nullable Boolean getBatchListener() {
		return this.batchListener;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + describe() + ", channels=" + this.channels + "]";
	}

}
