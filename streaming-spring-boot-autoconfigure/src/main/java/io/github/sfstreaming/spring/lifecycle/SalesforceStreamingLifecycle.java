package io.github.sfstreaming.spring.lifecycle;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import io.github.sfstreaming.client.ChannelStatus;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.StreamingException;

/**
 * Starts a {@link SalesforceStreamingClient} late in the application's start-up (after the web server) and
 * stops it early in the shutdown, so that the events in hand are finished and their replay ids stored while
 * the rest of the application still runs.
 *
 * <p>Unless the policy is {@link StartupFailurePolicy#CONTINUE}, {@link #start()} returns once the client is
 * connected and Salesforce has answered the subscription of every channel, so that events published from then
 * on reach the listeners. What happens when that fails (or a channel is refused) is decided by a
 * {@link StartupFailurePolicy}.
 */
public class SalesforceStreamingLifecycle implements SmartLifecycle {

	/**
	 * Default phase: after the web server starts, before it stops.
	 */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private static final Logger logger = LoggerFactory.getLogger(SalesforceStreamingLifecycle.class);

	private final SalesforceStreamingClient client;

	private final StartupFailurePolicy failurePolicy;

	private final Duration startupTimeout;

	private final ReentrantLock lock = new ReentrantLock();

	private int phase = DEFAULT_PHASE;

	private boolean autoStartup = true;

	private volatile boolean running;

	/**
	 * Creates a lifecycle for the given client.
	 * @param client the client
	 * @param failurePolicy what to do when the client cannot connect at start-up
	 * @param startupTimeout how long start-up waits for the first connection
	 */
	public SalesforceStreamingLifecycle(SalesforceStreamingClient client, StartupFailurePolicy failurePolicy,
			Duration startupTimeout) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(failurePolicy, "'failurePolicy' must not be null");
		Assert.isTrue(startupTimeout != null && !startupTimeout.isNegative(),
				"'startupTimeout' must not be null or negative");
		this.client = client;
		this.failurePolicy = failurePolicy;
		this.startupTimeout = startupTimeout;
	}

	/**
	 * Returns the client this lifecycle starts and stops.
	 * @return the client
	 */
	public SalesforceStreamingClient getClient() {
		return this.client;
	}

	/**
	 * Returns what happens when the client cannot connect at start-up.
	 * @return the policy
	 */
	public StartupFailurePolicy getFailurePolicy() {
		return this.failurePolicy;
	}

	/**
	 * Returns how long start-up waits for the first connection.
	 * @return the timeout
	 */
	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	@Override
	public void start() {
		this.lock.lock();
		try {
			if (this.running) {
				return;
			}
			this.client.start();
			this.running = true;
			if (this.failurePolicy != StartupFailurePolicy.CONTINUE) {
				awaitConnected();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitConnected() {
		try {
			this.client.awaitConnected(this.startupTimeout);
			failOnRefusedChannel();
		}
		catch (RuntimeException ex) {
			boolean retryable = (ex instanceof StreamingException streamingException)
					&& streamingException.isRetryable();
			if (this.failurePolicy == StartupFailurePolicy.FAIL || !retryable) {
				stopQuietly();
				throw new SalesforceStreamingStartupException(
						"Could not connect to Salesforce (" + (retryable ? "retryable" : "not retryable") + "): "
								+ ex.getMessage(),
						ex);
			}
			logger.warn("Not connected to Salesforce within {} ({}); retrying in the background", this.startupTimeout,
					ex.getMessage());
		}
	}

	/**
	 * A channel Salesforce refused for good (it does not exist, no permission, a rejected replay id with the
	 * {@code fail} policy) is a configuration error: the listeners on it would never receive anything.
	 */
	private void failOnRefusedChannel() {
		for (ChannelStatus channel : this.client.channels()) {
			if (channel.error() instanceof StreamingException refused && !refused.isRetryable()) {
				throw refused;
			}
		}
	}

	private void stopQuietly() {
		try {
			this.client.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Error stopping the client after a failed start", ex);
		}
		this.running = false;
	}

	@Override
	public void stop() {
		this.lock.lock();
		try {
			if (!this.running) {
				return;
			}
			try {
				this.client.stop();
			}
			finally {
				this.running = false;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Sets the phase; {@link #DEFAULT_PHASE} by default.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Sets whether the client starts with the application context; {@code true} by default.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

}
