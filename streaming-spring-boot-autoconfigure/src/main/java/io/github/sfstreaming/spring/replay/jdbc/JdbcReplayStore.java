package io.github.sfstreaming.spring.replay.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.config.ListenerChannelValidator;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpoint;

/**
 * {@link ReplayStore} that keeps each channel's last handled replay id in a table, one row per consumer and
 * channel, through a {@link ReplayCheckpointRepository}. A write never moves a CometD id backwards.
 *
 * <p>It keeps both {@linkplain #formats() formats}: a row holds a CometD id in {@code replay_id} and a Pub/Sub
 * API id in {@code replay_bytes}, each written and read only for its own format, so that an id of one transport
 * is never handed to the other. One row with two columns rather than a format in the key: tables of earlier
 * versions only gain a nullable column (no new primary key to build on a live table, and instances of the
 * earlier version keep reading and writing their CometD ids meanwhile), and a channel's start and
 * {@link #reset} stay one row for both transports, as in {@code InMemoryReplayStore}. A row without a CometD id has
 * {@value #NO_NUMERIC_ID} in {@code replay_id}, not {@value #START}, so that nobody, an earlier version included,
 * takes a Pub/Sub id's row for a start.
 *
 * <p>With a positive flush interval, writes leave the event-handling path: {@link #store} only records the
 * id in memory, where the ids of one channel coalesce into the highest CometD id and the last Pub/Sub id, and a
 * background thread writes them every interval. {@link #flush()} (also called on {@link #destroy()}, after the
 * client has stopped) writes whatever is pending, so a clean shutdown stores every handled id. A crash can lose at
 * most the ids of the last interval: their events are delivered again after the restart (at-least-once), none is
 * skipped. With a zero interval every id is written before {@link #store} returns.
 *
 * <p>As a {@link ListenerChannelValidator}, it fails start-up for a listener channel longer than its table's
 * channel column.
 */
public class JdbcReplayStore implements ReplayStore, ListenerChannelValidator, InitializingBean, DisposableBean {

	/**
	 * The longest channel whose replay id the table can store: the width of its {@code channel} column in the
	 * shipped schema scripts ({@code VARCHAR(255)}).
	 */
	public static final int MAX_CHANNEL_LENGTH = 255;

	private static final Logger logger = LoggerFactory.getLogger(JdbcReplayStore.class);

	/**
	 * The replay id of a row that records only when a channel was first subscribed (see {@link #storeStart}):
	 * below every real id, so that the first stored id replaces it.
	 */
	static final long START = -1;

	/**
	 * The replay id of a row that holds only a Pub/Sub id: below {@link #START}, so that neither a start nor a
	 * CometD id is read from it, and below every real id, so that the first CometD id is written to it.
	 */
	static final long NO_NUMERIC_ID = -2;

	/** The column that holds Pub/Sub ids, which tables created before they were kept lack until migrated. */
	private static final String BYTES_COLUMN = "replay_bytes";

	private final ReplayCheckpointRepository repository;

	private final String consumer;

	private final Duration flushInterval;

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Map<String, PendingOpaque> pendingOpaque = new ConcurrentHashMap<>();

	private final ReentrantLock flushLock = new ReentrantLock();

	private Clock clock = Clock.systemUTC();

	private @Nullable TaskScheduler taskScheduler;

	/** The background writer's periodic task, or {@code null} when every id is written at once. */
	private volatile @Nullable ScheduledFuture<?> flusher;

	/** The executor of the background writer when no scheduler was given. */
	private @Nullable ScheduledExecutorService ownFlusher;

	/**
	 * Creates a store.
	 * @param repository the repository
	 * @param consumer the name this application's rows are stored under
	 * @param flushInterval how long an id may wait in memory before it is written; zero to write at once
	 */
	public JdbcReplayStore(ReplayCheckpointRepository repository, String consumer, Duration flushInterval) {
		Assert.notNull(repository, "'repository' must not be null");
		Assert.hasText(consumer, "'consumer' must not be empty");
		Assert.isTrue(flushInterval != null && !flushInterval.isNegative(),
				"'flushInterval' must not be null or negative");
		this.repository = repository;
		this.consumer = consumer;
		this.flushInterval = flushInterval;
	}

	/**
	 * Sets the clock of the rows' {@code updated_at}.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Runs the background writer on the given scheduler instead of a daemon thread of the store's own
	 * ({@code sf-streaming-replay-flusher}). {@link #destroy()} cancels the writer's task and leaves the scheduler
	 * running: shutting it down, after this store, is its owner's business. Set it before
	 * {@link #afterPropertiesSet()}.
	 * @param taskScheduler the scheduler
	 */
	public void setTaskScheduler(TaskScheduler taskScheduler) {
		Assert.notNull(taskScheduler, "'taskScheduler' must not be null");
		this.taskScheduler = taskScheduler;
	}

	/**
	 * Returns the name this application's rows are stored under.
	 * @return the consumer
	 */
	public String getConsumer() {
		return this.consumer;
	}

	/**
	 * Checks that the table can be read and, with a positive flush interval, starts the background writer.
	 */
	@Override
	public void afterPropertiesSet() {
		try {
			this.repository.findById(id("/meta/startup-check"));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(unreadable(ex), ex);
		}
		if (this.flushInterval.isZero()) {
			return;
		}
		Duration period = Duration.ofMillis(Math.max(1, this.flushInterval.toMillis()));
		TaskScheduler scheduler = this.taskScheduler;
		if (scheduler != null) {
			// a fixed rate: a scheduler of virtual threads runs fixed-delay tasks undecorated on its own thread;
			// runs never overlap (flushLock), and a late one finds less to write
			this.flusher = scheduler.scheduleAtFixedRate(this::flushQuietly, Instant.now().plus(period), period);
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "sf-streaming-replay-flusher");
			thread.setDaemon(true);
			return thread;
		});
		this.ownFlusher = executor;
		this.flusher = executor.scheduleWithFixedDelay(this::flushQuietly, period.toMillis(), period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static String unreadable(RuntimeException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.toLowerCase(Locale.ROOT).contains(BYTES_COLUMN)) {
			return "The replay store's table has no " + BYTES_COLUMN + " column, which this version needs for Pub/Sub "
					+ "replay ids (" + message + "). Add it with ALTER TABLE <table> ADD COLUMN " + BYTES_COLUMN
					+ " BYTEA (VARBINARY on H2; see \"Upgrading the table\" in docs/configuration.md), or set "
					+ "salesforce.streaming.replay.initialize-schema=always to have it added at start-up";
		}
		return "The replay store's table cannot be read (" + message + "). Create it with the script shipped in "
				+ "io/github/sfstreaming/spring/replay/jdbc/, or set salesforce.streaming.replay.initialize-schema=always";
	}

	/**
	 * Fails start-up for a listener channel longer than {@value #MAX_CHANNEL_LENGTH} characters: the channel would
	 * be subscribed and its events handled, but its replay id could never be stored.
	 */
	@Override
	public void validate(SalesforceListenerEndpoint endpoint, String channel) {
		if (channel.length() > MAX_CHANNEL_LENGTH) {
			throw new IllegalStateException(endpoint.describe() + " listens to '" + channel + "', which is "
					+ channel.length() + " characters long: the JDBC replay store's channel column holds at most "
					+ MAX_CHANNEL_LENGTH + ", so its replay id could never be stored. Use a shorter channel name");
		}
	}

	@Override
	public void store(String channel, long replayId, @Nullable Instant eventTime) {
		Pending update = new Pending(replayId, eventTime);
		if (this.flusher == null) {
			write(channel, update);
			return;
		}
		this.pending.merge(channel, update, (current, candidate) -> (candidate.replayId() > current.replayId())
				? candidate : current);
	}

	/** Both: CometD ids in {@code replay_id}, Pub/Sub ids in {@code replay_bytes}. */
	@Override
	public Set<ReplayIdFormat> formats() {
		return EnumSet.allOf(ReplayIdFormat.class);
	}

	/**
	 * Stores a CometD id as {@link #store(String, long, Instant)} does, or a Pub/Sub id in place of the channel's
	 * stored one (coalesced like CometD ids, the last one winning), leaving the channel's CometD id alone.
	 */
	@Override
	public void store(String channel, ReplayPosition replayId, @Nullable Instant eventTime) {
		if (!replayId.isOpaque()) {
			ReplayStore.super.store(channel, replayId, eventTime);
			return;
		}
		PendingOpaque update = new PendingOpaque(replayId, eventTime);
		if (this.flusher == null) {
			write(channel, update);
			return;
		}
		this.pendingOpaque.put(channel, update);
	}

	@Override
	public Optional<ReplayPosition> lastReplayId(String channel) {
		Pending update = this.pending.get(channel);
		if (update != null) {
			return Optional.of(ReplayPosition.after(update.replayId()));
		}
		return this.repository.findById(id(channel))
			.filter((checkpoint) -> checkpoint.replayId() >= 0)
			.map((checkpoint) -> ReplayPosition.after(checkpoint.replayId()));
	}

	/**
	 * Returns the channel's last CometD id for {@link ReplayIdFormat#NUMERIC}, its last Pub/Sub id for
	 * {@link ReplayIdFormat#OPAQUE}; never the other's.
	 */
	@Override
	public Optional<ReplayPosition> lastReplayId(String channel, ReplayIdFormat format) {
		if (format == ReplayIdFormat.NUMERIC) {
			return lastReplayId(channel);
		}
		PendingOpaque update = this.pendingOpaque.get(channel);
		if (update != null) {
			return Optional.of(update.replayId());
		}
		return this.repository.findById(id(channel))
			.map(ReplayCheckpoint::replayBytes)
			.map(ReplayPosition::afterOpaque);
	}

	/**
	 * Writes a row with replay id {@value #START} and the start time, at once (never coalesced), unless the
	 * channel has a row already (a start, or a replay id of either format) or an id waiting to be written. A
	 * later replay id of either format supersedes it.
	 */
	@Override
	public void storeStart(String channel, Instant time) {
		if (!hasPending(channel)) {
			this.repository.insertStart(id(channel), time, this.clock.instant());
		}
	}

	@Override
	public Optional<Instant> startOf(String channel) {
		if (hasPending(channel)) {
			return Optional.empty();
		}
		return this.repository.findById(id(channel))
			.filter((checkpoint) -> checkpoint.replayId() == START && checkpoint.replayBytes() == null)
			.map(ReplayCheckpoint::eventTime);
	}

	/** Forgets the channel's ids of both formats and its start: the row goes. */
	@Override
	public void reset(String channel) {
		this.flushLock.lock();
		try {
			this.pending.remove(channel);
			this.pendingOpaque.remove(channel);
			this.repository.deleteById(id(channel));
		}
		finally {
			this.flushLock.unlock();
		}
	}

	/**
	 * Writes every pending replay id now.
	 * @throws RuntimeException the first write error; the ids that could not be written stay pending
	 */
	@Override
	public void flush() {
		this.flushLock.lock();
		try {
			RuntimeException failure = flush(this.pending, null);
			failure = flush(this.pendingOpaque, failure);
			if (failure != null) {
				throw failure;
			}
		}
		finally {
			this.flushLock.unlock();
		}
	}

	private <T extends Update> @Nullable RuntimeException flush(Map<String, T> updates,
			@Nullable RuntimeException failure) {
		for (Map.Entry<String, T> entry : updates.entrySet()) {
			try {
				write(entry.getKey(), entry.getValue());
				// only if unchanged: an update stored meanwhile waits for the next flush
				updates.remove(entry.getKey(), entry.getValue());
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
			}
		}
		return failure;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not store replay ids (will retry): {}", ex.getMessage());
		}
	}

	/**
	 * Stops the background writer and writes every pending replay id.
	 */
	@Override
	public void destroy() {
		ScheduledFuture<?> task = this.flusher;
		if (task != null) {
			// not interrupted: a write in progress finishes, and the flush below waits for it (flushLock)
			task.cancel(false);
		}
		ScheduledExecutorService executor = this.ownFlusher;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			Set<String> channels = new TreeSet<>(this.pending.keySet());
			channels.addAll(this.pendingOpaque.keySet());
			logger.error("Could not store the replay ids of {}; their last events will be delivered again after a "
					+ "restart", channels, ex);
		}
	}

	private void write(String channel, Update update) {
		if (update instanceof PendingOpaque opaque) {
			this.repository.replaceOpaque(id(channel), opaque.replayId().bytes(), opaque.eventTime(),
					this.clock.instant());
		}
		else if (update instanceof Pending numeric) {
			boolean advanced = this.repository.advance(ReplayCheckpoint.numeric(id(channel), numeric.replayId(),
					numeric.eventTime(), this.clock.instant()));
			if (!advanced) {
				logger.debug("Replay id {} of {} not stored: a higher one is", numeric.replayId(), channel);
			}
		}
	}

	private boolean hasPending(String channel) {
		return this.pending.containsKey(channel) || this.pendingOpaque.containsKey(channel);
	}

	private ReplayCheckpointId id(String channel) {
		return new ReplayCheckpointId(this.consumer, channel);
	}

	/** An id waiting in memory to be written. */
	private sealed interface Update permits Pending, PendingOpaque {

	}

	private record Pending(long replayId, @Nullable Instant eventTime) implements Update {

	}

	/** A Pub/Sub id; {@link ReplayPosition} compares its bytes, so an unchanged one is recognised after a write. */
	private record PendingOpaque(ReplayPosition replayId, @Nullable Instant eventTime) implements Update {

	}

}
