package io.github.sfstreaming.spring.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.pubsub.PubSubErrorKind;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.replay.ReplayPosition;

/**
 * The meters of the Pub/Sub API transport, beside those of {@link SalesforceStreamingMetrics}:
 * <ul>
 * <li>{@value #CREDIT_OUTSTANDING} (gauge, tag {@code channel}): events requested from the server and not yet
 * received on the channel's stream, 0 while the buffer is full or the stream is down;</li>
 * <li>{@value #KEEP_ALIVES} (counter, tag {@code channel}): keep-alives received, the server's empty responses
 * that tell a quiet channel's stream is alive;</li>
 * <li>the Pub/Sub causes of {@value SalesforceStreamingMetrics#RECONNECTS}, at zero from the start:
 * {@code auth}, {@code invalid-replay-id}, {@code limit} and {@code transient}.</li>
 * </ul>
 */
public class SalesforceStreamingPubSubMetrics implements StreamingClientListener {

	/** Name of the gauge of the credit outstanding. */
	public static final String CREDIT_OUTSTANDING = "salesforce.streaming.pubsub.credit.outstanding";

	/** Name of the counter of keep-alives. */
	public static final String KEEP_ALIVES = "salesforce.streaming.pubsub.keepalives";

	private final MeterRegistry registry;

	private final PubSubTransport transport;

	private final Map<String, Counter> keepAlives = new ConcurrentHashMap<>();

	/** The channels whose gauge is registered: a channel is subscribed again after every lost stream. */
	private final Set<String> gauged = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the meters' listener.
	 * @param registry where meters are registered
	 * @param transport the transport whose credit the gauge reads
	 */
	public SalesforceStreamingPubSubMetrics(MeterRegistry registry, PubSubTransport transport) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(transport, "'transport' must not be null");
		this.registry = registry;
		this.transport = transport;
		for (PubSubErrorKind kind : PubSubErrorKind.values()) {
			if (kind != PubSubErrorKind.FINAL) {
				// the same meter as SalesforceStreamingMetrics' (same name and tag), so that an alert finds it early
				Counter.builder(SalesforceStreamingMetrics.RECONNECTS)
					.description("Reconnects to Salesforce, by cause")
					.tag("cause", kind.cause())
					.register(registry);
			}
		}
	}

	@Override
	public void subscribed(String channel, ReplayPosition from) {
		keepAliveCounter(channel);
		if (!this.gauged.add(channel)) {
			return;
		}
		Gauge.builder(CREDIT_OUTSTANDING, this.transport, (transport) -> transport.creditOutstanding(channel))
			.description("Events requested from the Pub/Sub API and not yet received, per channel")
			.tag("channel", channel)
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void keepAliveReceived(String channel) {
		keepAliveCounter(channel).increment();
	}

	private Counter keepAliveCounter(String channel) {
		return this.keepAlives.computeIfAbsent(channel,
				(key) -> Counter.builder(KEEP_ALIVES)
					.description("Keep-alives received from the Pub/Sub API on a quiet channel")
					.tag("channel", key)
					.register(this.registry));
	}

}
