package io.github.sfstreaming.internal.bayeux;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.SecureUrls;
import io.github.sfstreaming.logging.ServerText;

/**
 * One handshaken Bayeux session: its client id, token and advice, and the exchanges it can make. A new
 * handshake makes a new session; subscriptions do not carry over. One message per request, except that
 * events come back with connects. Thread-safe: a subscribe may go out while a connect is held.
 */
public final class BayeuxSession {

	/** Timeout of short requests (handshake, subscribe, unsubscribe). */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The longest client id accepted; CometD's are about 30 characters. */
	static final int MAX_CLIENT_ID_LENGTH = 256;

	private final BayeuxTransport transport;

	private final JsonMapper jsonMapper;

	private final URI endpoint;

	private final AccessToken token;

	private final String clientId;

	private final boolean replaySupported;

	private final AtomicLong messageIds;

	private volatile Advice advice;

	private BayeuxSession(BayeuxTransport transport, JsonMapper jsonMapper, URI endpoint, AccessToken token,
			String clientId, boolean replaySupported, Advice advice, AtomicLong messageIds) {
		this.transport = transport;
		this.jsonMapper = jsonMapper;
		this.endpoint = endpoint;
		this.token = token;
		this.clientId = clientId;
		this.replaySupported = replaySupported;
		this.advice = advice;
		this.messageIds = messageIds;
	}

	/**
	 * Sends {@code /meta/handshake} with the replay extension.
	 * @param transport the transport
	 * @param jsonMapper the mapper
	 * @param token the access token
	 * @param apiVersion the API version of the {@code /cometd/<version>} endpoint
	 * @param messageIds the message id counter
	 * @return the new session; fails with {@link BayeuxException}
	 */
	public static Mono<BayeuxSession> handshake(BayeuxTransport transport, JsonMapper jsonMapper, AccessToken token,
			String apiVersion, AtomicLong messageIds) {
		URI instanceUrl;
		try {
			// also drops a trailing slash, which would make the endpoint //cometd/...
			instanceUrl = SecureUrls.requireSecure(token.instanceUrl(), "the access token's instanceUrl");
		}
		catch (IllegalArgumentException ex) {
			// a custom TokenProvider must not make the client send the token in clear text
			return Mono.error(new BayeuxException(BayeuxErrorKind.CONFIGURATION, String.valueOf(ex.getMessage())));
		}
		URI endpoint = URI.create(instanceUrl + "/cometd/" + apiVersion);
		ObjectNode message = jsonMapper.createObjectNode()
			.put("channel", Bayeux.HANDSHAKE)
			.put("id", Long.toString(messageIds.incrementAndGet()))
			.put("version", "1.0")
			.put("minimumVersion", "1.0");
		message.putArray("supportedConnectionTypes").add("long-polling");
		message.putObject("advice").put("timeout", 60000).put("interval", 0);
		message.putObject("ext").put("replay", true);
		String id = message.path("id").asString();
		return transport.send(endpoint, token, List.of(message), REQUEST_TIMEOUT).map((replies) -> {
			JsonNode reply = Bayeux.reply(replies, Bayeux.HANDSHAKE, id);
			if (reply == null) {
				throw new BayeuxException(BayeuxErrorKind.MALFORMED, "The handshake got no /meta/handshake reply");
			}
			if (!Bayeux.isSuccessful(reply)) {
				throw Bayeux.failure(reply, "Handshake", Advice.DEFAULT);
			}
			String clientId = clientId(reply);
			boolean replay = reply.path("ext").path("replay").asBoolean(false);
			return new BayeuxSession(transport, jsonMapper, endpoint, token, clientId, replay,
					Advice.DEFAULT.update(reply), messageIds);
		});
	}

	/**
	 * The client id of a successful handshake reply. A reply that says {@code successful} without a usable
	 * client id is a failed handshake: the session could not be addressed.
	 */
	private static String clientId(JsonNode reply) {
		JsonNode clientId = reply.path("clientId");
		if (!clientId.isString() || clientId.asString().isEmpty()) {
			throw new BayeuxException(BayeuxErrorKind.MALFORMED,
					"The handshake reply says successful but carries no clientId", null, Advice.DEFAULT.update(reply),
					null);
		}
		String text = clientId.asString();
		// CometD ids are short printable ASCII; anything else would reach log lines and request bodies
		if (text.length() > MAX_CLIENT_ID_LENGTH || !text.chars().allMatch((c) -> c > ' ' && c < 0x7f)) {
			throw new BayeuxException(BayeuxErrorKind.MALFORMED, "The handshake reply carries an unusable clientId ("
					+ ServerText.escape(text) + "): not 1 to " + MAX_CLIENT_ID_LENGTH + " printable ASCII characters");
		}
		return text;
	}

	/** The server-assigned client id. */
	public String clientId() {
		return this.clientId;
	}

	/** The token the session was made with. */
	public AccessToken token() {
		return this.token;
	}

	/** Whether the server announced the replay extension. */
	public boolean replaySupported() {
		return this.replaySupported;
	}

	/** The advice in force. */
	public Advice advice() {
		return this.advice;
	}

	/**
	 * Sends {@code /meta/connect}.
	 * @param first whether this is the session's first connect, which asks the server to answer at once
	 * @param margin added to the advice timeout to get the HTTP response timeout
	 * @return the result; fails with {@link BayeuxException} only when no response was read
	 */
	public Mono<ConnectResult> connect(boolean first, Duration margin) {
		return connect(first, margin, null);
	}

	/**
	 * Sends {@code /meta/connect}, handing the events of the response to a sink as they are read.
	 * @param first whether this is the session's first connect, which asks the server to answer at once
	 * @param margin added to the advice timeout to get the HTTP response timeout
	 * @param eventSink given each event of the response as soon as it is read (on the thread reading it, before
	 * the result), whatever the outcome; they are then not among the result's events. {@code null} to have them
	 * all in the result
	 * @return the result; fails with {@link BayeuxException} only when no whole response was read
	 */
	public Mono<ConnectResult> connect(boolean first, Duration margin, @Nullable Consumer<JsonNode> eventSink) {
		ObjectNode message = newMessage(Bayeux.CONNECT).put("connectionType", "long-polling");
		if (first) {
			// The first connect returns at once, so the caller knows quickly that the session works.
			message.putObject("advice").put("timeout", 0);
		}
		// Not shortened for the first connect: a server that holds it anyway must not look like a dead one.
		Duration timeout = this.advice.timeout().plus(margin);
		String id = message.path("id").asString();
		return this.transport.send(this.endpoint, this.token, List.of(message), timeout, eventSink)
			.map((replies) -> toConnectResult(replies, id));
	}

	private ConnectResult toConnectResult(List<JsonNode> replies, String id) {
		// the events of a streamed reply went to the sink: what is left is a few meta messages
		List<JsonNode> events = new ArrayList<>();
		JsonNode connectReply = Bayeux.reply(replies, Bayeux.CONNECT, id);
		JsonNode disconnect = null;
		for (JsonNode reply : replies) {
			if (Bayeux.channel(reply).equals(Bayeux.DISCONNECT)) {
				disconnect = reply;
			}
			else if (Bayeux.isEvent(reply)) {
				events.add(reply);
			}
		}
		BayeuxException failure = null;
		if (connectReply != null) {
			if (Bayeux.isSuccessful(connectReply)) {
				this.advice = this.advice.update(connectReply);
			}
			else {
				failure = Bayeux.failure(connectReply, "Connect", this.advice);
			}
		}
		if (disconnect != null && failure == null) {
			failure = new BayeuxException(BayeuxErrorKind.SERVER_DISCONNECT, "The server sent /meta/disconnect",
					Bayeux.error(disconnect), this.advice, null);
		}
		if (connectReply == null && failure == null) {
			failure = new BayeuxException(BayeuxErrorKind.MALFORMED, "The connect got no /meta/connect reply");
		}
		if (failure == null && !Advice.RETRY.equals(this.advice.reconnect())) {
			// a successful reply that tells the client not to poll again means the session is over
			failure = new BayeuxException(BayeuxErrorKind.SERVER_DISCONNECT, "The server ended the session (advice "
					+ "reconnect " + ServerText.escape(this.advice.reconnect()) + ")", null, this.advice, null);
		}
		if (failure != null && failure.getKind() == BayeuxErrorKind.OTHER && failure.getAdvice() != null
				&& !Advice.RETRY.equals(failure.getAdvice().reconnect())) {
			failure = new BayeuxException(BayeuxErrorKind.UNKNOWN_CLIENT, String.valueOf(failure.getMessage()),
					failure.getBayeuxError(), failure.getAdvice(), null);
		}
		return new ConnectResult(events, replies, this.advice, failure);
	}

	/**
	 * Sends {@code /meta/subscribe} with the replay extension.
	 * @param channel the channel
	 * @param replayId {@code -1}, {@code -2} or the replay id to resume after
	 * @param received given every message of the response first, whether or not the subscription succeeded:
	 * a server may deliver other channels' events with any reply
	 * @return completes when subscribed; fails with {@link BayeuxException} when the subscription was refused
	 */
	public Mono<Void> subscribe(String channel, long replayId, Consumer<List<JsonNode>> received) {
		ObjectNode message = newMessage(Bayeux.SUBSCRIBE).put("subscription", channel);
		message.putObject("ext").putObject("replay").put(channel, replayId);
		return exchange(message, Bayeux.SUBSCRIBE, "Subscribe to " + channel, received);
	}

	/**
	 * Sends {@code /meta/unsubscribe}.
	 * @param channel the channel
	 * @param received given every message of the response first, whether or not the unsubscription succeeded
	 * @return completes when unsubscribed; fails with {@link BayeuxException}
	 */
	public Mono<Void> unsubscribe(String channel, Consumer<List<JsonNode>> received) {
		ObjectNode message = newMessage(Bayeux.UNSUBSCRIBE).put("subscription", channel);
		return exchange(message, Bayeux.UNSUBSCRIBE, "Unsubscribe from " + channel, received);
	}

	/**
	 * Sends {@code /meta/disconnect}.
	 * @param timeout how long to wait
	 * @return completes when answered
	 */
	public Mono<Void> disconnect(Duration timeout) {
		return this.transport.send(this.endpoint, this.token, List.of(newMessage(Bayeux.DISCONNECT)), timeout).then();
	}

	private Mono<Void> exchange(ObjectNode message, String metaChannel, String what,
			Consumer<List<JsonNode>> received) {
		String id = message.path("id").asString();
		return this.transport.send(this.endpoint, this.token, List.of(message), REQUEST_TIMEOUT)
			.flatMap((replies) -> {
				received.accept(replies);
				JsonNode reply = Bayeux.reply(replies, metaChannel, id);
				if (reply == null) {
					return Mono.error(new BayeuxException(BayeuxErrorKind.MALFORMED,
							what + " got no " + metaChannel + " reply"));
				}
				if (!Bayeux.isSuccessful(reply)) {
					return Mono.error(Bayeux.failure(reply, what, this.advice));
				}
				return Mono.empty();
			});
	}

	private ObjectNode newMessage(String channel) {
		return this.jsonMapper.createObjectNode()
			.put("channel", channel)
			.put("id", Long.toString(this.messageIds.incrementAndGet()))
			.put("clientId", this.clientId);
	}

	@Override
	public String toString() {
		return "BayeuxSession[clientId=" + this.clientId + ", endpoint=" + this.endpoint + "]";
	}

}
