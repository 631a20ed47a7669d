package io.github.sfstreaming.spring.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.spring.listener.ListenerErrorHandler;

/**
 * Base class of {@link SalesforceListenerEndpoint}s: holds the id, channels, auto-startup flag and error handler.
 */
public abstract class AbstractSalesforceListenerEndpoint implements SalesforceListenerEndpoint {

	private String id = "";

	private Set<String> channels = Set.of();

	private boolean autoStartup = true;

	private @Nullable ListenerErrorHandler errorHandler;

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
	 * Sets the listener's own error handler.
	 * @param errorHandler the error handler, or {@code null} for the application's default one
	 */
	public void setErrorHandler(@Nullable ListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	@Override
	public @Nullable ListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + describe() + ", channels=" + this.channels + "]";
	}

}
