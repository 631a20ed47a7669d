package io.github.sfstreaming.spring.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

import io.github.sfstreaming.client.ChannelStatus;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * A {@link StreamingClientListener} that publishes the client's callbacks as {@link SalesforceStreamingEvent}s
 * and, when an idle interval is set, a {@link ChannelIdleEvent} for each subscribed channel that received
 * nothing for that long.
 */
public class StreamingApplicationEventPublisher implements StreamingClientListener, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(StreamingApplicationEventPublisher.class);

	private final ApplicationEventPublisher publisher;

	private final Supplier<@Nullable SalesforceStreamingClient> client;

	private final @Nullable Duration idleEventInterval;

	private final Clock clock;

	private final Map<String, Instant> lastActivity = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastIdleEvent = new ConcurrentHashMap<>();

	/** The periodic idle check: cancelled on destroy, with the executor if it is this publisher's own. */
	private final @Nullable ScheduledFuture<?> idleChecks;

	private final @Nullable ScheduledExecutorService ownScheduler;

	/**
	 * Creates a publisher whose idle checks, if any, run on a daemon thread of its own,
	 * {@code sf-streaming-idle}.
	 * @param publisher where events are published
	 * @param client supplies the client, the source of the events, or {@code null} if there is none
	 * @param idleEventInterval after how long without an event a channel is idle, or {@code null} for no idle
	 * events
	 */
	public StreamingApplicationEventPublisher(ApplicationEventPublisher publisher,
			Supplier<@Nullable SalesforceStreamingClient> client, @Nullable Duration idleEventInterval) {
		this(publisher, client, idleEventInterval, null, Clock.systemUTC());
	}

	/**
	 * Creates a publisher whose idle checks, if any, run on the given scheduler; {@link ChannelIdleEvent}
	 * listeners run on its threads.
	 * @param publisher where events are published
	 * @param client supplies the client, the source of the events, or {@code null} if there is none
	 * @param idleEventInterval after how long without an event a channel is idle, or {@code null} for no idle
	 * events
	 * @param idleScheduler runs the idle checks (its owner shuts it down), or {@code null} for a thread of the
	 * publisher's own
	 */
	public StreamingApplicationEventPublisher(ApplicationEventPublisher publisher,
			Supplier<@Nullable SalesforceStreamingClient> client, @Nullable Duration idleEventInterval,
			@Nullable TaskScheduler idleScheduler) {
		this(publisher, client, idleEventInterval, idleScheduler, Clock.systemUTC());
	}

	StreamingApplicationEventPublisher(ApplicationEventPublisher publisher,
			Supplier<@Nullable SalesforceStreamingClient> client, @Nullable Duration idleEventInterval,
			@Nullable TaskScheduler idleScheduler, Clock clock) {
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.isTrue(idleEventInterval == null || (!idleEventInterval.isNegative() && !idleEventInterval.isZero()),
				"'idleEventInterval' must be positive");
		this.publisher = publisher;
		this.client = client;
		this.idleEventInterval = idleEventInterval;
		this.clock = clock;
		if (idleEventInterval == null) {
			this.idleChecks = null;
			this.ownScheduler = null;
			return;
		}
		Duration period = Duration.ofMillis(Math.max(10, idleEventInterval.toMillis() / 4));
		if (idleScheduler != null) {
			this.ownScheduler = null;
			// a fixed rate: a scheduler of virtual threads runs fixed-delay tasks undecorated on its own thread
			this.idleChecks = idleScheduler.scheduleAtFixedRate(this::publishIdleEvents,
					Instant.now().plus(period), period);
		}
		else {
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "sf-streaming-idle");
				thread.setDaemon(true);
				return thread;
			});
			this.ownScheduler = executor;
			this.idleChecks = executor.scheduleWithFixedDelay(this::publishIdleEvents, period.toMillis(),
					period.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void connected() {
		publish(new StreamingConnectedEvent(source()));
	}

	@Override
	public void disconnected(String reason) {
		this.lastActivity.clear();
		this.lastIdleEvent.clear();
		publish(new StreamingDisconnectedEvent(source(), reason));
	}

	@Override
	public void subscribed(String channel, ReplayPosition from) {
		if (this.idleEventInterval != null) {
			this.lastActivity.put(channel, this.clock.instant());
			this.lastIdleEvent.remove(channel);
		}
	}

	@Override
	public void subscriptionFailed(String channel, Throwable error) {
		this.lastActivity.remove(channel);
		this.lastIdleEvent.remove(channel);
		publish(new SubscriptionFailedEvent(source(), channel, error));
	}

	@Override
	public void replayIdInvalid(String channel, long rejected, @Nullable ReplayPosition fallback) {
		publish(new ReplayIdInvalidEvent(source(), channel, rejected, fallback));
	}

	@Override
	public void eventMalformed(String channel, JsonNode message, String problem) {
		// a copy: the application may keep it, and the client's other listeners see the same message
		publish(new MalformedEventReceivedEvent(source(), channel, message.deepCopy(), problem));
	}

	@Override
	public void eventReceived(String channel, long replayId) {
		if (this.idleEventInterval != null) {
			this.lastActivity.put(channel, this.clock.instant());
			this.lastIdleEvent.remove(channel);
		}
	}

	/**
	 * Publishes a {@link ChannelIdleEvent} for every subscribed channel idle for the interval since its last
	 * activity or its last idle event. Called periodically when an idle interval is set.
	 */
	void publishIdleEvents() {
		Duration interval = this.idleEventInterval;
		if (interval == null) {
			return;
		}
		try {
			Set<String> subscribed = subscribedChannels();
			Instant now = this.clock.instant();
			this.lastActivity.forEach((channel, activity) -> {
				if (subscribed != null && !subscribed.contains(channel)) {
					return;
				}
				Duration idle = Duration.between(activity, now);
				Instant previous = this.lastIdleEvent.get(channel);
				if (idle.compareTo(interval) >= 0
						&& (previous == null || Duration.between(previous, now).compareTo(interval) >= 0)) {
					this.lastIdleEvent.put(channel, now);
					publish(new ChannelIdleEvent(source(), channel, idle));
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check for idle channels", ex);
		}
	}

	private @Nullable Set<String> subscribedChannels() {
		SalesforceStreamingClient client = this.client.get();
		if (client == null) {
			return null;
		}
		return client.channels()
			.stream()
			.filter(ChannelStatus::subscribed)
			.map(ChannelStatus::channel)
			.collect(Collectors.toSet());
	}

	private Object source() {
		SalesforceStreamingClient client = this.client.get();
		return (client != null) ? client : this;
	}

	private void publish(SalesforceStreamingEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of {} failed", event, ex);
		}
	}

	@Override
	public void destroy() {
		if (this.idleChecks != null) {
			this.idleChecks.cancel(false);
		}
		if (this.ownScheduler != null) {
			this.ownScheduler.shutdownNow();
		}
	}

}
