package io.github.sfstreaming.spring.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.ReconnectCause;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * A {@link StreamingClientListener} that counts what the client does in a {@link MeterRegistry}:
 * <ul>
 * <li>{@value #EVENTS_RECEIVED} (counter, tag {@code channel}): events received from Salesforce;</li>
 * <li>{@value #HANDSHAKES} (counter): sessions established, that is handshakes followed by a successful
 * connect, and sessions re-established after a connect refused as too busy;</li>
 * <li>{@value #RECONNECTS} (counter, tag {@code cause}): reconnects, by cause ({@code network},
 * {@code unknown-client}, {@code auth}, ...: a {@link ReconnectCause#tag()} over the Streaming API);</li>
 * <li>{@value #REPLAY_WRITES} (counter, tag {@code channel}): replay ids written to the replay store;</li>
 * <li>{@value #LAST_EVENT_AGE} (time gauge, tag {@code channel}): time since the channel's last event, or since
 * its first subscription when it has received none;</li>
 * <li>{@value #POLLING_PAUSED} (time gauge): how long polling has been paused because the buffer is full of events
 * that wait for their listeners, zero while the client polls;</li>
 * <li>{@value #EVENTS_MALFORMED} (counter, tag {@code channel}): messages of a subscribed channel that are not an
 * event and were dropped.</li>
 * </ul>
 * Listener calls are timed by the {@code salesforce.streaming.listener} observation.
 */
public class SalesforceStreamingMetrics implements StreamingClientListener {

	/** Name of the counter of received events. */
	public static final String EVENTS_RECEIVED = "salesforce.streaming.events.received";

	/** Name of the counter of established sessions. */
	public static final String HANDSHAKES = "salesforce.streaming.handshakes";

	/** Name of the counter of reconnects. */
	public static final String RECONNECTS = "salesforce.streaming.reconnects";

	/** Name of the counter of replay-store writes. */
	public static final String REPLAY_WRITES = "salesforce.streaming.replay.writes";

	/** Name of the gauge of the time since a channel's last event. */
	public static final String LAST_EVENT_AGE = "salesforce.streaming.last.event.age";

	/** Name of the gauge of the time polling has been paused by back-pressure. */
	public static final String POLLING_PAUSED = "salesforce.streaming.polling.paused";

	/** Name of the counter of malformed events. */
	public static final String EVENTS_MALFORMED = "salesforce.streaming.events.malformed";

	private final MeterRegistry registry;

	private final Counter handshakes;

	private final Map<String, Counter> received = new ConcurrentHashMap<>();

	private final Map<String, Counter> reconnects = new ConcurrentHashMap<>();

	private final Map<String, Counter> writes = new ConcurrentHashMap<>();

	private final Map<String, Counter> malformed = new ConcurrentHashMap<>();

	private final Supplier<@Nullable SalesforceStreamingClient> client;

	private volatile @Nullable SalesforceStreamingClient resolvedClient;

	private final Map<String, AtomicLong> lastActivityNanos = new ConcurrentHashMap<>();

	/**
	 * Creates the meters' listener, without the {@value #POLLING_PAUSED} gauge.
	 * @param registry where meters are registered
	 */
	public SalesforceStreamingMetrics(MeterRegistry registry) {
		this(registry, () -> null);
	}

	/**
	 * Creates the meters' listener.
	 * @param registry where meters are registered
	 * @param client supplies the client whose polling the {@value #POLLING_PAUSED} gauge reads, or {@code null}
	 * when there is none (looked up lazily: the client takes this listener)
	 */
	public SalesforceStreamingMetrics(MeterRegistry registry, Supplier<@Nullable SalesforceStreamingClient> client) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(client, "'client' must not be null");
		this.registry = registry;
		this.handshakes = Counter.builder(HANDSHAKES)
			.description("Sessions established with Salesforce: a handshake and a successful connect")
			.register(registry);
		// every Streaming API cause at zero from the start, so that dashboards and alerts find the meter before a
		// first fault (a Pub/Sub transport's causes appear with their first reconnect)
		for (ReconnectCause cause : ReconnectCause.values()) {
			reconnectCounter(cause.tag());
		}
		this.client = client;
		// this, not the supplier, is the gauge's state: a gauge only holds its state weakly
		TimeGauge.builder(POLLING_PAUSED, this, TimeUnit.MILLISECONDS, SalesforceStreamingMetrics::pausedMillis)
			.description("Time polling has been paused because the buffer is full of events that wait for their "
					+ "listeners; zero while polling")
			.register(registry);
	}

	private double pausedMillis() {
		SalesforceStreamingClient current = this.resolvedClient;
		if (current == null) {
			// resolved once: a lookup after the context has closed must not create the client again
			current = this.client.get();
			this.resolvedClient = current;
		}
		Instant pausedSince = (current != null) ? current.pollingStatus().pausedSince() : null;
		return (pausedSince != null) ? Math.max(0, Duration.between(pausedSince, Instant.now()).toMillis()) : 0;
	}

	@Override
	public void connected() {
		this.handshakes.increment();
	}

	@Override
	public void reconnecting(String cause) {
		reconnectCounter(cause).increment();
	}

	private Counter reconnectCounter(String cause) {
		return this.reconnects.computeIfAbsent(cause,
				(key) -> Counter.builder(RECONNECTS)
					.description("Reconnects to Salesforce, by cause")
					.tag("cause", key)
					.register(this.registry));
	}

	@Override
	public void subscribed(String channel, ReplayPosition from) {
		activity(channel, false);
		// at zero from the subscription, so that an alert on it finds the meter before a first malformed event
		malformedCounter(channel);
	}

	@Override
	public void eventMalformed(String channel, JsonNode message, String problem) {
		malformedCounter(channel).increment();
	}

	private Counter malformedCounter(String channel) {
		return this.malformed.computeIfAbsent(channel,
				(key) -> Counter.builder(EVENTS_MALFORMED)
					.description("Messages of a subscribed channel that are not an event, dropped")
					.tag("channel", key)
					.register(this.registry));
	}

	@Override
	public void eventReceived(String channel, long replayId) {
		activity(channel, true);
		this.received
			.computeIfAbsent(channel,
					(key) -> Counter.builder(EVENTS_RECEIVED)
						.description("Events received from Salesforce")
						.tag("channel", key)
						.register(this.registry))
			.increment();
	}

	@Override
	public void replayIdStored(String channel, long replayId) {
		this.writes
			.computeIfAbsent(channel,
					(key) -> Counter.builder(REPLAY_WRITES)
						.description("Replay ids written to the replay store")
						.tag("channel", key)
						.register(this.registry))
			.increment();
	}

	private void activity(String channel, boolean event) {
		long now = System.nanoTime();
		AtomicLong last = this.lastActivityNanos.get(channel);
		if (last == null) {
			AtomicLong created = new AtomicLong(now);
			last = this.lastActivityNanos.putIfAbsent(channel, created);
			if (last == null) {
				TimeGauge.builder(LAST_EVENT_AGE, created, TimeUnit.NANOSECONDS, SalesforceStreamingMetrics::age)
					.description("Time since the channel's last event (or its first subscription)")
					.tag("channel", channel)
					.register(this.registry);
				return;
			}
		}
		if (event) {
			last.set(now);
		}
	}

	private static double age(@Nullable AtomicLong last) {
		return (last != null) ? System.nanoTime() - last.get() : Double.NaN;
	}

}
