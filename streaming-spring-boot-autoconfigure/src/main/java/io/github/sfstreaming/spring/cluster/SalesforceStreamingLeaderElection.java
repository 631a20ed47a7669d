package io.github.sfstreaming.spring.cluster;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.util.Assert;

import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;

/**
 * Runs the streaming client only while this instance leads: instances that share a {@link LockRegistry} (a
 * table of Spring Integration's {@code JdbcLockRegistry}) compete for one lock through a
 * {@link LockRegistryLeaderInitiator}; the holder starts the {@link SalesforceStreamingLifecycle}, the others wait.
 *
 * <p>The leader renews its lock every heartbeat. When it stops cleanly, it first stops the client (the events in
 * hand are finished and their replay ids stored) and then releases the lock, so that another instance takes over
 * at its next attempt. When it dies, its lock expires after the registry's time-to-live and another instance takes
 * over then. Either way the new leader resumes from the shared replay store.
 *
 * <p>The client starts and stops on a thread of its own, so that a slow connect never delays the lock's renewal.
 * If the client cannot start, leadership is yielded to another instance.
 */
public class SalesforceStreamingLeaderElection
		implements SmartLifecycle, StreamingClusterMember, ApplicationEventPublisherAware, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceStreamingLeaderElection.class);

	private final SalesforceStreamingLifecycle streaming;

	private final String role;

	private final LockRegistryLeaderInitiator initiator;

	private final Duration stopTimeout;

	private volatile ExecutorService clientThread = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "sf-streaming-leader");
		thread.setDaemon(true);
		return thread;
	});

	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private final Object leadership = new Object();

	private volatile boolean leader;

	private volatile boolean running;

	private final String id = UUID.randomUUID().toString();

	private int phase = SalesforceStreamingLifecycle.DEFAULT_PHASE - 1;

	private boolean autoStartup = true;

	/**
	 * Creates a leader election.
	 * @param locks the lock registry the instances share
	 * @param role the lock key the instances compete for
	 * @param streaming the lifecycle of the client, started on leadership (its auto-startup must be off)
	 * @param heartbeat how often the leader renews its lock and a standby instance tries to take it
	 * @param busyWait how long to wait before trying again after losing the lock or failing to take it
	 * @param stopTimeout how long a stop waits for the client to stop and the lock to be released
	 */
	public SalesforceStreamingLeaderElection(LockRegistry<?> locks, String role, SalesforceStreamingLifecycle streaming,
			Duration heartbeat, Duration busyWait, Duration stopTimeout) {
		Assert.notNull(locks, "'locks' must not be null");
		Assert.hasText(role, "'role' must not be empty");
		Assert.notNull(streaming, "'streaming' must not be null");
		Assert.isTrue(!heartbeat.isNegative() && !heartbeat.isZero(), "'heartbeat' must be positive");
		Assert.isTrue(!busyWait.isNegative(), "'busyWait' must not be negative");
		this.streaming = streaming;
		this.role = role;
		this.stopTimeout = stopTimeout;
		this.initiator = new LockRegistryLeaderInitiator(locks, new StreamingCandidate());
		this.initiator.setHeartBeatMillis(heartbeat.toMillis());
		this.initiator.setBusyWaitMillis(busyWait.toMillis());
		this.initiator.setAutoStartup(false);
	}

	/**
	 * Sets the factory of the thread the client is started and stopped on, instead of a daemon thread named
	 * {@code sf-streaming-leader}. Call it before {@link #start()}.
	 * @param threadFactory the factory
	 */
	public void setThreadFactory(ThreadFactory threadFactory) {
		Assert.notNull(threadFactory, "'threadFactory' must not be null");
		this.lifecycleLock.lock();
		try {
			Assert.state(!this.running, "The thread factory must be set before start()");
			ExecutorService previous = this.clientThread;
			this.clientThread = Executors.newSingleThreadExecutor(threadFactory);
			previous.shutdown();
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		this.initiator.setApplicationEventPublisher(applicationEventPublisher);
	}

	@Override
	public String getRole() {
		return this.role;
	}

	@Override
	public boolean isLeader() {
		return this.leader;
	}

	/** The Spring Integration initiator that competes for the lock. */
	public LockRegistryLeaderInitiator getInitiator() {
		return this.initiator;
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (!this.running) {
				this.running = true;
				this.initiator.start();
				logger.info("Competing for leadership of '{}'", this.role);
			}
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	/**
	 * Stops competing: stops the client if this instance leads, so that the events in hand are handled and their
	 * replay ids stored, and only then releases the lock.
	 */
	@Override
	public void stop() {
		this.lifecycleLock.lock();
		try {
			if (!this.running) {
				return;
			}
			this.running = false;
			long deadline = System.nanoTime() + this.stopTimeout.toNanos();
			// Stopping the client first ends a start that still waits for the first connection.
			this.streaming.getClient().stop();
			awaitOnClientThread(this.streaming::stop, deadline);
			this.initiator.stop();
			awaitRevoked(deadline);
			logger.info("Stopped competing for leadership of '{}'", this.role);
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void awaitOnClientThread(Runnable task, long deadline) {
		Future<?> future = this.clientThread.submit(task);
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn("Could not stop the streaming client", (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			logger.warn("The streaming client did not stop within {}", this.stopTimeout);
		}
	}

	private void awaitRevoked(long deadline) {
		synchronized (this.leadership) {
			while (this.leader) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					logger.warn("Leadership of '{}' not released within {}; the lock expires after its time-to-live",
							this.role, this.stopTimeout);
					return;
				}
				try {
					this.leadership.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
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
	 * Sets the phase; just before the streaming lifecycle's by default, so that this stops after it.
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
	 * Sets whether this instance competes for leadership when the application context starts; {@code true} by
	 * default.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public void destroy() {
		stop();
		this.clientThread.shutdownNow();
	}

	private void setLeader(boolean leader) {
		synchronized (this.leadership) {
			this.leader = leader;
			this.leadership.notifyAll();
		}
	}

	private final class StreamingCandidate implements Candidate {

		@Override
		public String getRole() {
			return SalesforceStreamingLeaderElection.this.role;
		}

		@Override
		public String getId() {
			return SalesforceStreamingLeaderElection.this.id;
		}

		@Override
		public void onGranted(Context context) {
			SalesforceStreamingLeaderElection election = SalesforceStreamingLeaderElection.this;
			election.setLeader(true);
			logger.info("Leadership of '{}' granted: starting the streaming client", election.role);
			election.clientThread.execute(() -> startClient(context));
		}

		private void startClient(Context context) {
			SalesforceStreamingLeaderElection election = SalesforceStreamingLeaderElection.this;
			if (!election.running || !context.isLeader()) {
				return;
			}
			try {
				election.streaming.start();
			}
			catch (RuntimeException ex) {
				logger.error("Could not start the streaming client; yielding leadership of '{}'", election.role, ex);
				context.yield();
			}
		}

		@Override
		public void onRevoked(@Nullable Context context) {
			SalesforceStreamingLeaderElection election = SalesforceStreamingLeaderElection.this;
			logger.info("Leadership of '{}' revoked: stopping the streaming client", election.role);
			try {
				election.clientThread.execute(election.streaming::stop);
			}
			catch (RuntimeException ex) {
				election.streaming.stop();
			}
			finally {
				election.setLeader(false);
			}
		}

	}

}
