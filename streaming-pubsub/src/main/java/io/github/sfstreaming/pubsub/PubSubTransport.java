package io.github.sfstreaming.pubsub;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.Channel;
import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.auth.OrgIds;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.transport.StreamingTransport;
import io.github.sfstreaming.transport.TransportContext;
import io.github.sfstreaming.transport.TransportSession;

/**
 * Salesforce's gRPC Pub/Sub API as the transport of a
 * {@link io.github.sfstreaming.client.SalesforceStreamingClient}: one {@link PubSubSubscriber} per channel, fed by
 * the client's replay store and buffer.
 * <pre>{@code
 * SalesforceStreamingClient client = SalesforceStreamingClient.builder()
 *     .tokenProvider(tokens)
 *     .replayStore(store)                       // its formats() must include OPAQUE
 *     .transport(new PubSubTransport(grpcChannel, tokens, orgId, PubSubSubscriberSettings.defaults()))
 *     .build();
 * }</pre>
 * It carries platform events ({@code /event/}) and Change Data Capture ({@code /data/}) only. The client's
 * invalid-replay-id policy replaces the one in the settings.
 */
public final class PubSubTransport implements StreamingTransport {

	private final Channel channel;

	private final TokenProvider tokens;

	private final @Nullable String orgId;

	private final PubSubSubscriberSettings settings;

	/** The sessions open now (one per client that uses this transport), for {@link #creditOutstanding(String)}. */
	private final Set<PubSubTransportSession> sessions = ConcurrentHashMap.newKeySet();

	/**
	 * A transport that sends, as {@code tenantid}, the org id each login told
	 * ({@link io.github.sfstreaming.auth.AccessToken#orgId()}).
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider, the same as the client's
	 * @param settings how each channel's stream is kept
	 */
	public PubSubTransport(Channel channel, TokenProvider tokens, PubSubSubscriberSettings settings) {
		this(channel, tokens, null, settings);
	}

	/**
	 * @param channel the gRPC channel to the Pub/Sub API (the caller owns and shuts it down)
	 * @param tokens the token provider, the same as the client's
	 * @param orgId the org id, sent as {@code tenantid}; {@code null} for the one each login tells
	 * @param settings how each channel's stream is kept
	 */
	public PubSubTransport(Channel channel, TokenProvider tokens, @Nullable String orgId,
			PubSubSubscriberSettings settings) {
		this.channel = Objects.requireNonNull(channel, "channel");
		this.tokens = Objects.requireNonNull(tokens, "tokens");
		this.orgId = (orgId != null) ? OrgIds.check(orgId, "orgId") : null;
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	@Override
	public ReplayIdFormat replayIdFormat() {
		return ReplayIdFormat.OPAQUE;
	}

	@Override
	public void checkChannel(String channel) {
		if (!carries(channel)) {
			throw new IllegalArgumentException("Channel " + channel + " cannot be received over the Pub/Sub API: it "
					+ "carries platform events (/event/) and Change Data Capture (/data/) only. Receive PushTopics "
					+ "(/topic/) and generic streaming (/u/) with the CometD transport "
					+ "(salesforce.streaming.transport=cometd)");
		}
	}

	/**
	 * Whether the Pub/Sub API carries a channel.
	 * @param channel the channel
	 * @return whether it is a platform event or change event channel
	 */
	public static boolean carries(String channel) {
		return channel.startsWith("/event/") || channel.startsWith("/data/");
	}

	@Override
	public TransportSession open(TransportContext context) {
		PubSubTransportSession session = new PubSubTransportSession(this.channel, this.tokens, this.orgId,
				this.settings.withOnInvalidReplayId(context.invalidReplayIdPolicy()), context, this.sessions::remove);
		this.sessions.add(session);
		return session;
	}

	/**
	 * How each channel's stream is kept (the invalid-replay-id policy aside, which is the client's).
	 * @return the settings
	 */
	public PubSubSubscriberSettings settings() {
		return this.settings;
	}

	/**
	 * The events requested from the server and not yet received on a channel's stream, in the open sessions: at
	 * most {@link PubSubSubscriberSettings#maxCredit()}, 0 while the client's buffer is full. For a gauge.
	 * @param channel the channel
	 * @return the credit outstanding, 0 when the channel has no stream
	 */
	public int creditOutstanding(String channel) {
		int credit = 0;
		for (PubSubTransportSession session : this.sessions) {
			credit += session.creditOutstanding(channel);
		}
		return credit;
	}

}
