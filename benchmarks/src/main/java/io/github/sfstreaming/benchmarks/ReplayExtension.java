package io.github.sfstreaming.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cometd.bayeux.Channel;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.client.ClientSession;

/**
 * The client side of Salesforce's replay extension for CometD's {@code BayeuxClient}, the way the CometD-based
 * connectors (EMP-Connector, Camel) do it: asks for replay on the handshake, sends each channel's last seen
 * replay id (or {@code -1}) in {@code ext.replay} of {@code /meta/subscribe}, and notes the
 * {@code data.event.replayId} of every event as it is received, before its listener runs.
 */
public final class ReplayExtension implements ClientSession.Extension {

	private static final String REPLAY = "replay";

	private final long defaultReplayId;

	private final Map<String, Long> replayIds = new ConcurrentHashMap<>();

	private final LongAdder writes = new LongAdder();

	/** An extension that asks for new events only ({@code -1}) on a channel it has seen nothing of. */
	public ReplayExtension() {
		this(-1L);
	}

	/**
	 * An extension that asks for the given replay id on a channel it has seen nothing of.
	 * @param defaultReplayId {@code -1} for new events, {@code -2} for every retained event
	 */
	public ReplayExtension(long defaultReplayId) {
		this.defaultReplayId = defaultReplayId;
	}

	@Override
	public boolean rcv(ClientSession session, Message.Mutable message) {
		Map<String, Object> data = message.getDataAsMap();
		if (data != null && data.get("event") instanceof Map<?, ?> event
				&& event.get("replayId") instanceof Number replayId) {
			this.replayIds.put(message.getChannel(), replayId.longValue());
			this.writes.increment();
		}
		return true;
	}

	@Override
	public boolean sendMeta(ClientSession session, Message.Mutable message) {
		String channel = message.getChannel();
		if (Channel.META_HANDSHAKE.equals(channel)) {
			message.getExt(true).put(REPLAY, true);
		}
		else if (Channel.META_SUBSCRIBE.equals(channel)
				&& message.get(Message.SUBSCRIPTION_FIELD) instanceof String subscription) {
			message.getExt(true).put(REPLAY, Map.of(subscription, this.replayIds.getOrDefault(subscription, this.defaultReplayId)));
		}
		return true;
	}

	/** The last replay id received on each channel. */
	Map<String, Long> replayIds() {
		return Map.copyOf(this.replayIds);
	}

	/** Replay ids noted so far. */
	long writes() {
		return this.writes.sum();
	}

}
