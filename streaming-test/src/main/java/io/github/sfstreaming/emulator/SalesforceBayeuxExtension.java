package io.github.sfstreaming.emulator;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cometd.bayeux.Channel;
import org.cometd.bayeux.ChannelId;
import org.cometd.bayeux.Message;
import org.cometd.bayeux.Promise;
import org.cometd.bayeux.server.BayeuxContext;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.bayeux.server.ServerMessage;
import org.cometd.bayeux.server.ServerSession;
import org.cometd.server.ServerMessageImpl;
import org.jspecify.annotations.Nullable;

/**
 * Makes CometD answer as Salesforce does: the Bearer token on every message, the session cookie, existing channels
 * and valid replay ids on subscribe, the armed Bayeux error faults, and Salesforce's error texts and advice.
 */
final class SalesforceBayeuxExtension implements BayeuxServer.Extension {

	static final String UNKNOWN_CLIENT = "403::Unknown client";

	static final String AUTHENTICATION_INVALID = "401::Authentication invalid";

	static final String HANDSHAKE_DENIED = "403::Handshake denied";

	static final String NO_SUCH_CHANNEL = "400::The channel you requested to subscribe to doesn't exist";

	/** CometD's own answer for a session it does not know. */
	private static final String COMETD_UNKNOWN_SESSION = "402::session_unknown";

	private final TokenStore tokens;

	private final ChannelRegistry channels;

	private final Retention retention;

	private final FaultState faults;

	private final StatsRecorder stats;

	private final long longPollTimeoutMillis;

	private final Clock clock;

	private final BayeuxServer bayeux;

	SalesforceBayeuxExtension(BayeuxServer bayeux, TokenStore tokens, ChannelRegistry channels, Retention retention,
			FaultState faults, StatsRecorder stats, long longPollTimeoutMillis, Clock clock) {
		this.bayeux = bayeux;
		this.tokens = tokens;
		this.channels = channels;
		this.retention = retention;
		this.faults = faults;
		this.stats = stats;
		this.longPollTimeoutMillis = longPollTimeoutMillis;
		this.clock = clock;
	}

	@Override
	public void incoming(@Nullable ServerSession session, ServerMessage.Mutable message, Promise<Boolean> promise) {
		promise.succeed(accept(session, message));
	}

	private boolean accept(@Nullable ServerSession session, ServerMessage.Mutable message) {
		String channel = message.getChannel();
		boolean handshake = Channel.META_HANDSHAKE.equals(channel);
		record(session, message);
		if (!ChannelId.isMeta(channel)) {
			return reject(message, "403::Publishing is not allowed on streaming channels", null);
		}
		if (!this.tokens.isAuthorized(header(message, "Authorization"))) {
			if (handshake) {
				Map<String, Object> ext = reply(message).getExt(true);
				ext.put("sfdc", Map.of("failureReason", AUTHENTICATION_INVALID));
				return reject(message, HANDSHAKE_DENIED, Message.RECONNECT_NONE_VALUE);
			}
			if (session != null && !session.isLocalSession()) {
				// The session does not outlive its token, so the next handshake starts afresh.
				this.bayeux.removeSession(session);
			}
			return reject(message, AUTHENTICATION_INVALID, Message.RECONNECT_NONE_VALUE);
		}
		if (!handshake && (session == null || cookie(message, BayeuxHttpFilter.BALANCER_COOKIE) == null)) {
			return reject(message, UNKNOWN_CLIENT, Message.RECONNECT_HANDSHAKE_VALUE);
		}
		String fault = this.faults.takeBayeuxError(channel);
		if (fault != null) {
			return reject(message, fault, adviceFor(fault));
		}
		if (Channel.META_SUBSCRIBE.equals(channel)) {
			return acceptSubscribe(message);
		}
		return true;
	}

	private boolean acceptSubscribe(ServerMessage.Mutable message) {
		for (String subscription : subscriptions(message)) {
			ChannelLog log = this.channels.find(subscription);
			if (log == null) {
				return reject(message, NO_SUCH_CHANNEL, null);
			}
			Long replayId;
			try {
				replayId = ReplayRequest.of(message, subscription);
			}
			catch (IllegalArgumentException ex) {
				return reject(message, invalidReplayId(ex.getMessage()), null);
			}
			if (replayId != null && !log.isValidReplayId(replayId, this.clock.instant(), this.retention)) {
				return reject(message, invalidReplayId(replayId.toString()), null);
			}
		}
		return true;
	}

	/** The advice Salesforce sends with these errors: a faked error must lead clients the same way. */
	private static @Nullable String adviceFor(String error) {
		if (error.equals(UNKNOWN_CLIENT)) {
			return Message.RECONNECT_HANDSHAKE_VALUE;
		}
		if (error.startsWith("401::")) {
			return Message.RECONNECT_NONE_VALUE;
		}
		return null;
	}

	static String invalidReplayId(@Nullable String replayId) {
		return "400::The replayId {" + replayId + "} you provided was invalid.  Please provide a valid ID, -2 to"
				+ " replay all events, or -1 to replay only new events.";
	}

	private void record(@Nullable ServerSession session, ServerMessage message) {
		String channel = message.getChannel();
		if (Channel.META_HANDSHAKE.equals(channel)) {
			this.stats.handshake();
		}
		else if (Channel.META_CONNECT.equals(channel)) {
			this.stats.connect();
		}
		else if (Channel.META_SUBSCRIBE.equals(channel)) {
			String clientId = (session != null) ? session.getId() : message.getClientId();
			for (String subscription : subscriptions(message)) {
				Long replayId;
				try {
					replayId = ReplayRequest.of(message, subscription);
				}
				catch (IllegalArgumentException ex) {
					replayId = null;
				}
				this.stats.subscribe(clientId, subscription, replayId);
			}
		}
	}

	@Override
	public void outgoing(@Nullable ServerSession sender, @Nullable ServerSession session,
			ServerMessage.Mutable message, Promise<Boolean> promise) {
		String channel = message.getChannel();
		if (ChannelId.isMeta(channel) && message.getAssociated() != null) {
			shapeReply(session, message);
			Object error = message.get(Message.ERROR_FIELD);
			if (error != null) {
				this.stats.error(error.toString());
			}
		}
		promise.succeed(true);
	}

	private void shapeReply(@Nullable ServerSession session, ServerMessage.Mutable reply) {
		String channel = reply.getChannel();
		boolean dropped = session != null && SessionControl.isDropped(session);
		if (COMETD_UNKNOWN_SESSION.equals(reply.get(Message.ERROR_FIELD))
				|| (dropped && Channel.META_CONNECT.equals(channel))) {
			reply.setSuccessful(false);
			reply.put(Message.ERROR_FIELD, UNKNOWN_CLIENT);
			Map<String, Object> advice = reply.getAdvice(true);
			advice.put(Message.RECONNECT_FIELD, Message.RECONNECT_HANDSHAKE_VALUE);
			advice.put(Message.INTERVAL_FIELD, 0L);
			return;
		}
		if (Channel.META_HANDSHAKE.equals(channel)) {
			Map<String, Object> ext = reply.getExt(true);
			ext.put("replay", true);
			ext.put("payload.format", true);
		}
		if (reply.isSuccessful()
				&& (Channel.META_HANDSHAKE.equals(channel) || Channel.META_CONNECT.equals(channel))) {
			Map<String, Object> advice = reply.getAdvice(true);
			advice.putIfAbsent(Message.RECONNECT_FIELD, Message.RECONNECT_RETRY_VALUE);
			advice.putIfAbsent(Message.INTERVAL_FIELD, 0L);
			advice.putIfAbsent(Message.TIMEOUT_FIELD, this.longPollTimeoutMillis);
			FaultState.ConnectAdvice forced = Channel.META_CONNECT.equals(channel) ? this.faults.takeConnectAdvice()
					: null;
			if (forced != null) {
				advice.put(Message.INTERVAL_FIELD, forced.interval());
				advice.put(Message.TIMEOUT_FIELD, forced.timeout());
			}
		}
	}

	private static boolean reject(ServerMessage.Mutable message, String error, @Nullable String reconnect) {
		ServerMessage.Mutable reply = reply(message);
		reply.setSuccessful(false);
		reply.put(Message.ERROR_FIELD, error);
		if (reconnect != null) {
			Map<String, Object> advice = reply.getAdvice(true);
			advice.put(Message.RECONNECT_FIELD, reconnect);
			advice.put(Message.INTERVAL_FIELD, 0L);
		}
		if (reply instanceof ServerMessageImpl impl) {
			// Otherwise CometD replaces the error with its own "404::message_deleted".
			impl.setHandled(true);
		}
		return false;
	}

	private static ServerMessage.Mutable reply(ServerMessage.Mutable message) {
		return message.getAssociated();
	}

	private static List<String> subscriptions(ServerMessage message) {
		Object subscription = message.get(Message.SUBSCRIPTION_FIELD);
		if (subscription instanceof String single) {
			return List.of(single);
		}
		if (subscription instanceof Object[] array) {
			return Arrays.stream(array).map(String::valueOf).toList();
		}
		if (subscription instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static @Nullable String header(ServerMessage message, String name) {
		BayeuxContext context = message.getBayeuxContext();
		return (context != null) ? context.getHeader(name) : null;
	}

	private static @Nullable String cookie(ServerMessage message, String name) {
		BayeuxContext context = message.getBayeuxContext();
		return (context != null) ? context.getCookie(name) : null;
	}

}
