package io.github.sfstreaming.emulator;

import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cometd.bayeux.server.ServerSession;
import org.jspecify.annotations.Nullable;

/**
 * An embedded emulator of Salesforce's Streaming API: the OAuth token endpoint, Bayeux long polling at
 * {@code /cometd/<apiVersion>} with replay, fault injection, and a control API under {@code /emulator/}.
 * <pre class="code">
 * try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
 *         .longPollTimeout(Duration.ofSeconds(2))
 *         .channels("/topic/InvoiceUpdates")
 *         .build()
 *         .start()) {
 *     URI loginUrl = emulator.baseUrl();
 *     emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\"}");
 * }
 * </pre>
 * Thread-safe.
 */
public final class SalesforceStreamingEmulator implements AutoCloseable {

	private final Settings settings;

	private final Clock clock = Clock.systemUTC();

	private final TokenStore tokens = new TokenStore();

	private final FaultState faultState = new FaultState();

	private final StatsRecorder stats = new StatsRecorder();

	private final RestApiState restApiState = new RestApiState();

	private final EventDefinitions definitions = new EventDefinitions();

	private final ChannelRegistry channels;

	private final Object lifecycle = new Object();

	private @Nullable EmulatorServer running;

	private @Nullable PubSubServer pubSubRunning;

	private SalesforceStreamingEmulator(Settings settings) {
		this.settings = settings;
		this.channels = new ChannelRegistry(settings.channels());
	}

	/**
	 * A builder with the defaults: random port on 127.0.0.1, 110 s long poll, default credentials, retention of
	 * 10,000 events and 24 hours, no channels.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts Jetty and CometD.
	 * @return this emulator, started
	 * @throws IllegalStateException if it is already started or cannot bind
	 */
	public SalesforceStreamingEmulator start() {
		synchronized (this.lifecycle) {
			if (this.running != null) {
				throw new IllegalStateException("The emulator is already started");
			}
			EmulatorServer server = EmulatorServer.start(this.settings, new EmulatorServer.Parts(this.tokens,
					this.faultState, this.stats, this.channels, this.clock), this);
			if (this.settings.pubSub().enabled()) {
				try {
					// One user for both APIs: a create permission taken on the REST side is taken here too.
					this.pubSubRunning = PubSubServer.start(this.settings, this.tokens, this.channels,
							this.definitions, this.clock, this::publishPlatformEvent,
							(channel) -> !this.restApiState.isDenied(channel.substring("/event/".length())));
				}
				catch (RuntimeException ex) {
					server.stop();
					throw ex;
				}
			}
			this.running = server;
			return this;
		}
	}

	/**
	 * Whether the emulator is started and not yet closed.
	 * @return {@code true} if started
	 */
	public boolean isRunning() {
		synchronized (this.lifecycle) {
			return this.running != null;
		}
	}

	/**
	 * The base URL: both the login URL and the instance URL, e.g. {@code http://127.0.0.1:54321}, or
	 * {@code https://localhost:54321} with {@linkplain Builder#tls(KeyStore, char[]) TLS}.
	 * @return the base URL, without a trailing slash
	 */
	public URI baseUrl() {
		return running().baseUrl();
	}

	/**
	 * The port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return running().baseUrl().getPort();
	}

	/**
	 * The Bayeux endpoint for an API version, e.g. {@code http://127.0.0.1:54321/cometd/64.0}: the
	 * {@linkplain #baseUrl() base URL} followed by {@code /cometd/<apiVersion>}.
	 * @param apiVersion the API version, e.g. {@code 64.0}
	 * @return the Bayeux URL
	 */
	public URI bayeuxUrl(String apiVersion) {
		return URI.create(baseUrl() + "/cometd/" + apiVersion);
	}

	/**
	 * The Pub/Sub API's address on the network, {@code <host>:<port>} (plaintext, or TLS with
	 * {@linkplain Builder#tls(KeyStore, char[]) TLS}); for {@code ManagedChannelBuilder.forTarget(..)}.
	 * @return the target
	 * @throws IllegalStateException if the Pub/Sub API is not {@linkplain Builder#pubSub(boolean) enabled}
	 */
	public String pubSubTarget() {
		String host = baseUrl().getHost();
		return host + ":" + pubSub().port();
	}

	/**
	 * The port of the Pub/Sub API.
	 * @return the port
	 * @throws IllegalStateException if the Pub/Sub API is not enabled
	 */
	public int pubSubPort() {
		return pubSub().port();
	}

	/**
	 * The name of the in-process Pub/Sub server, for {@code InProcessChannelBuilder.forName(..)}: the same service
	 * without sockets, for unit tests.
	 * @return the in-process server name
	 * @throws IllegalStateException if the Pub/Sub API is not enabled
	 */
	public String pubSubInProcessName() {
		return pubSub().inProcessName();
	}

	/**
	 * The faults to inject on the Pub/Sub side.
	 * @return the fault controls
	 * @throws IllegalStateException if the Pub/Sub API is not enabled
	 */
	public PubSubFaults pubSubFaults() {
		return pubSub().faults();
	}

	/**
	 * A snapshot of the Pub/Sub side's counters: subscriptions, events and keep-alives sent, the most credit a
	 * stream was owed, the open streams.
	 * @return the stats
	 * @throws IllegalStateException if the Pub/Sub API is not enabled
	 */
	public PubSubStats pubSubStats() {
		return pubSub().stats();
	}

	private PubSubServer pubSub() {
		running();
		synchronized (this.lifecycle) {
			if (this.pubSubRunning == null) {
				throw new IllegalStateException("The Pub/Sub API is not enabled: build the emulator with pubSub(true)");
			}
			return this.pubSubRunning;
		}
	}

	/**
	 * Makes a channel exist: subscribing to a channel that does not exist is refused with
	 * {@code 400::The channel you requested to subscribe to doesn't exist}. Publishing also creates the channel.
	 * @param channel {@code /topic/X}, {@code /u/X}, {@code /event/X__e} or {@code /data/X}
	 * @throws IllegalArgumentException if the name is not such a channel
	 */
	public void createChannel(String channel) {
		this.channels.create(channel);
	}

	/**
	 * Publishes one event.
	 * @param channel the channel, created if needed
	 * @param payloadJson the payload as JSON text: the sobject fields for {@code /topic} (with an optional
	 * {@code _eventType} member: {@code created}, {@code updated}, ...), a JSON string (or raw text) for {@code /u},
	 * the event fields for {@code /event}, the record fields and an optional partial {@code ChangeEventHeader} for
	 * {@code /data}
	 * @return its replay id
	 */
	public long publish(String channel, String payloadJson) {
		return publish(channel, 1, payloadJson).get(0);
	}

	/**
	 * Publishes {@code count} events with the same payload, each with its own replay id.
	 * @param channel the channel, created if needed
	 * @param count how many events
	 * @param payloadJson the payload as JSON text, see {@link #publish(String, String)}
	 * @return their replay ids, in order
	 */
	public List<Long> publish(String channel, int count, String payloadJson) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		ChannelKind kind = ChannelKind.of(channel);
		EventShapes.validate(kind, payloadJson);
		EventSink sink = running().sink();
		ChannelLog log = this.channels.create(channel);
		List<Long> replayIds = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant now = this.clock.instant();
			replayIds.add(log.publish(now,
					(replayId) -> EventShapes.build(channel, kind, replayId, now, payloadJson),
					this.settings.retention(), sink));
		}
		return List.copyOf(replayIds);
	}

	/**
	 * Declares a platform event's custom fields, as its definition in Salesforce does: the Pub/Sub API's schema of
	 * the event ({@code GetTopic}, and the events it sends) then has {@code CreatedDate}, {@code CreatedById} and
	 * these fields, in the map's order (give a {@link java.util.LinkedHashMap} to choose it), whatever fields the
	 * events carry. Without it the Pub/Sub schema of an event is derived from the event's own fields, so a
	 * publisher can write only fields that the newest event has. Creates the channel; replaces an earlier
	 * definition. Like a channel given to the builder, the definition and its channel survive {@link #reset()}.
	 * The Bayeux and REST sides do not look at it.
	 * @param channel the platform event channel, e.g. {@code /event/Order__e}
	 * @param fields the custom fields ({@code Name__c}) and their types
	 * @throws IllegalArgumentException if the channel is not a platform event or a name not a custom field's
	 */
	public void definePlatformEvent(String channel, Map<String, EventFieldType> fields) {
		this.definitions.define(channel, fields);
		this.channels.createPermanent(channel);
	}

	/**
	 * Publishes one platform event as the REST API does, with the {@code EventUuid} its save result gave.
	 * @return its replay id
	 */
	long publishPlatformEvent(String channel, String payloadJson, String eventUuid) {
		EventShapes.validate(ChannelKind.PLATFORM_EVENT, payloadJson);
		Instant now = this.clock.instant();
		return this.channels.create(channel)
			.publish(now, (replayId) -> EventShapes.build(channel, ChannelKind.PLATFORM_EVENT, replayId, now,
					payloadJson, eventUuid), this.settings.retention(), running().sink());
	}

	/**
	 * The controls of the REST API that publishes platform events and pushes generic streaming events.
	 * @return the REST API controls
	 */
	public RestApiControls restApi() {
		running();
		return new RestApiControls(this.restApiState);
	}

	RestApiState restApiState() {
		return this.restApiState;
	}

	/**
	 * The credentials the emulator's token endpoint accepts, for a client to log in with.
	 * @return the credentials given to the builder, or {@link EmulatorCredentials#defaults()}
	 */
	public EmulatorCredentials credentials() {
		return this.settings.credentials();
	}

	/**
	 * The emulated org's 18-character id: in the token response's {@code id} URL
	 * ({@code <base-url>/id/<orgId>/<userId>}), the SOAP login's {@code organizationId}, and the {@code tenantid}
	 * the Pub/Sub side wants; for a test that builds a token by hand.
	 * @return the org id
	 */
	public String orgId() {
		return TokenStore.ORG_ID;
	}

	/**
	 * The faults to inject.
	 * @return the fault controls
	 */
	public EmulatorFaults faults() {
		return running().faults();
	}

	/**
	 * A snapshot of the counters since start or the last {@link #reset()}.
	 * @return the stats
	 */
	public EmulatorStats stats() {
		EmulatorServer current = running();
		List<EmulatorStats.SessionStats> sessions = new ArrayList<>();
		for (ServerSession session : current.bayeux().getSessions()) {
			if (!session.isLocalSession()) {
				sessions.add(new EmulatorStats.SessionStats(session.getId(), this.channels.subscriptionsOf(session)));
			}
		}
		return this.stats.snapshot(this.channels.stats(this.clock.instant(), this.settings.retention()), sessions);
	}

	/**
	 * Forgets events, sessions, faults and counters. Channels given to the builder stay (empty); replay ids start
	 * again from 1. Issued access tokens stay valid.
	 */
	public void reset() {
		EmulatorServer current = running();
		PubSubServer pubSub;
		synchronized (this.lifecycle) {
			pubSub = this.pubSubRunning;
		}
		if (pubSub != null) {
			pubSub.reset();
		}
		this.faultState.clear();
		this.restApiState.clear();
		current.sessions().dropAll();
		this.channels.reset();
		this.stats.reset();
	}

	/**
	 * Stops Jetty and CometD. Does nothing if not started.
	 */
	@Override
	public void close() {
		EmulatorServer current;
		PubSubServer pubSub;
		synchronized (this.lifecycle) {
			current = this.running;
			pubSub = this.pubSubRunning;
			this.running = null;
			this.pubSubRunning = null;
		}
		if (pubSub != null) {
			pubSub.stop();
		}
		if (current != null) {
			current.stop();
		}
	}

	private EmulatorServer running() {
		synchronized (this.lifecycle) {
			if (this.running == null) {
				throw new IllegalStateException("The emulator is not started");
			}
			return this.running;
		}
	}

	/**
	 * The emulator's settings, fixed once built.
	 */
	record Settings(int port, String bindAddress, Duration longPollTimeout, EmulatorCredentials credentials,
			Retention retention, Set<String> channels, boolean eventsOnlyOnConnect, @Nullable Tls tls,
			PubSubSettings pubSub) {

		Settings(int port, String bindAddress, Duration longPollTimeout, EmulatorCredentials credentials,
				Retention retention, Set<String> channels, boolean eventsOnlyOnConnect, @Nullable Tls tls) {
			this(port, bindAddress, longPollTimeout, credentials, retention, channels, eventsOnlyOnConnect, tls,
					PubSubSettings.DISABLED);
		}

	}

	/**
	 * The Pub/Sub side's settings.
	 *
	 * @param enabled whether the Pub/Sub API is served
	 * @param port its TCP port, 0 for a free one
	 * @param keepAlive how long a stream with credit stays without a response before a keep-alive
	 * @param zeroCreditTimeout how long a stream stays open without credit
	 */
	record PubSubSettings(boolean enabled, int port, Duration keepAlive, Duration zeroCreditTimeout) {

		static final PubSubSettings DISABLED = new PubSubSettings(false, 0, Duration.ofSeconds(270),
				Duration.ofSeconds(60));

	}

	/**
	 * The server's key and certificate for HTTPS.
	 *
	 * @param keyStore the key store
	 * @param password the password of the store and of its key
	 */
	record Tls(KeyStore keyStore, char[] password) {

		@Override
		public String toString() {
			return "Tls[keyStore=" + this.keyStore.getType() + ", password=******]";
		}

	}

	/**
	 * Builds a {@link SalesforceStreamingEmulator}.
	 */
	public static final class Builder {

		private int port;

		private String bindAddress = "127.0.0.1";

		private Duration longPollTimeout = Duration.ofSeconds(110);

		private boolean eventsOnlyOnConnect = true;

		private EmulatorCredentials credentials = EmulatorCredentials.defaults();

		private int retentionCount = 10_000;

		private Duration retentionAge = Duration.ofHours(24);

		private final Set<String> channels = new LinkedHashSet<>();

		private @Nullable Tls tls;

		private PubSubSettings pubSub = PubSubSettings.DISABLED;

		private Builder() {
		}

		/**
		 * The port to listen on; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0-65535, not " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * The address to bind; {@code 127.0.0.1} by default.
		 * @param bindAddress an IP address or host name
		 * @return this builder
		 */
		public Builder bindAddress(String bindAddress) {
			this.bindAddress = bindAddress;
			return this;
		}

		/**
		 * How long a {@code /meta/connect} is held when there is nothing to deliver, sent as the advice
		 * {@code timeout}. Salesforce's 110 s by default; make it short in tests.
		 * @param longPollTimeout the timeout, at least 1 ms
		 * @return this builder
		 */
		public Builder longPollTimeout(Duration longPollTimeout) {
			if (longPollTimeout.toMillis() < 1) {
				throw new IllegalArgumentException("longPollTimeout must be at least 1 ms, not " + longPollTimeout);
			}
			this.longPollTimeout = longPollTimeout;
			return this;
		}

		/**
		 * The credentials the token endpoint accepts; {@link EmulatorCredentials#defaults()} by default.
		 * @param credentials the credentials
		 * @return this builder
		 */
		public Builder credentials(EmulatorCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * The retention window of every channel: older events cannot be replayed and their replay ids are invalid.
		 * @param maxEvents events kept per channel (10,000 by default)
		 * @param maxAge the age after which an event is dropped (24 hours by default)
		 * @return this builder
		 */
		public Builder retention(int maxEvents, Duration maxAge) {
			new Retention(maxEvents, maxAge);
			this.retentionCount = maxEvents;
			this.retentionAge = maxAge;
			return this;
		}

		/**
		 * Channels that exist from the start and survive {@link SalesforceStreamingEmulator#reset()}.
		 * @param channels channel names such as {@code /topic/InvoiceUpdates} or {@code /event/Order__e}
		 * @return this builder
		 */
		public Builder channels(String... channels) {
			for (String channel : channels) {
				ChannelKind.of(channel);
				this.channels.add(channel);
			}
			return this;
		}

		/**
		 * Whether events go out only in {@code /meta/connect} replies, as at Salesforce (the default). With
		 * {@code false}, the CometD server's own default, any reply may carry them, a subscribe reply included:
		 * a stricter test of a client's ordering and redelivery handling.
		 * @param eventsOnlyOnConnect whether events go out only in connect replies
		 * @return this builder
		 */
		public Builder eventsOnlyOnConnect(boolean eventsOnlyOnConnect) {
			this.eventsOnlyOnConnect = eventsOnlyOnConnect;
			return this;
		}

		/**
		 * Serves HTTPS only, with the key and certificate of the key store, instead of plain HTTP. The
		 * {@linkplain SalesforceStreamingEmulator#baseUrl() base URL}, and so the OAuth {@code instance_url}, then
		 * is {@code https://localhost:<port>} (for the certificate to match the host name) when the bind address
		 * is a loopback or wildcard address, else {@code https://<bindAddress>:<port>}. Clients must trust the
		 * certificate, e.g. through a trust store holding it; the emulator does not ask for client certificates.
		 * <pre class="code">
		 * KeyStore keyStore = KeyStore.getInstance("PKCS12");
		 * try (InputStream in = Files.newInputStream(Path.of("localhost.p12"))) {
		 *     keyStore.load(in, "changeit".toCharArray());
		 * }
		 * SalesforceStreamingEmulator.builder().tls(keyStore, "changeit".toCharArray()).build().start();
		 * </pre>
		 * @param keyStore a loaded key store with one private key entry and its certificate chain
		 * @param password the password of the key (usually also the store's); copied
		 * @return this builder
		 */
		public Builder tls(KeyStore keyStore, char[] password) {
			if (keyStore == null || password == null) {
				throw new IllegalArgumentException("keyStore and password are required");
			}
			if (!hasKeyEntry(keyStore)) {
				throw new IllegalArgumentException("keyStore has no private key entry");
			}
			this.tls = new Tls(keyStore, Arrays.copyOf(password, password.length));
			return this;
		}

		private static boolean hasKeyEntry(KeyStore keyStore) {
			try {
				for (String alias : Collections.list(keyStore.aliases())) {
					if (keyStore.isKeyEntry(alias)) {
						return true;
					}
				}
				return false;
			}
			catch (KeyStoreException ex) {
				throw new IllegalArgumentException("keyStore is not loaded", ex);
			}
		}

		/**
		 * Whether to serve Salesforce's Pub/Sub API (gRPC) too, on the same channels and tokens as the Bayeux side:
		 * in process ({@link SalesforceStreamingEmulator#pubSubInProcessName()}) and on a TCP port
		 * ({@link SalesforceStreamingEmulator#pubSubTarget()}), plaintext, or TLS with {@link #tls}. Off by
		 * default.
		 * @param enabled whether to serve it
		 * @return this builder
		 */
		public Builder pubSub(boolean enabled) {
			this.pubSub = new PubSubSettings(enabled, this.pubSub.port(), this.pubSub.keepAlive(),
					this.pubSub.zeroCreditTimeout());
			return this;
		}

		/**
		 * The Pub/Sub API's TCP port; 0 (the default) picks a free one. Enables the Pub/Sub API.
		 * @param port the port
		 * @return this builder
		 */
		public Builder pubSubPort(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("pubSubPort must be 0-65535, not " + port);
			}
			this.pubSub = new PubSubSettings(true, port, this.pubSub.keepAlive(), this.pubSub.zeroCreditTimeout());
			return this;
		}

		/**
		 * How long a {@code Subscribe} stream with credit goes without a response before the server sends a
		 * keep-alive (an empty response with the latest replay id). Salesforce's 270 s by default; make it short
		 * in tests.
		 * @param keepAlive the interval, at least 10 ms
		 * @return this builder
		 */
		public Builder pubSubKeepAlive(Duration keepAlive) {
			if (keepAlive.toMillis() < 10) {
				throw new IllegalArgumentException("pubSubKeepAlive must be at least 10 ms, not " + keepAlive);
			}
			this.pubSub = new PubSubSettings(this.pubSub.enabled(), this.pubSub.port(), keepAlive,
					this.pubSub.zeroCreditTimeout());
			return this;
		}

		/**
		 * How long a {@code Subscribe} stream may stay at zero credit before the server closes it with
		 * {@code UNAVAILABLE}. About 60 s at Salesforce (the default); make it short in tests.
		 * @param timeout the timeout, at least 10 ms
		 * @return this builder
		 */
		public Builder pubSubZeroCreditTimeout(Duration timeout) {
			if (timeout.toMillis() < 10) {
				throw new IllegalArgumentException("pubSubZeroCreditTimeout must be at least 10 ms, not " + timeout);
			}
			this.pubSub = new PubSubSettings(this.pubSub.enabled(), this.pubSub.port(), this.pubSub.keepAlive(),
					timeout);
			return this;
		}

		/**
		 * Builds the emulator, not yet started.
		 * @return the emulator; call {@link SalesforceStreamingEmulator#start()}
		 */
		public SalesforceStreamingEmulator build() {
			return new SalesforceStreamingEmulator(new Settings(this.port, this.bindAddress, this.longPollTimeout,
					this.credentials, new Retention(this.retentionCount, this.retentionAge),
					Set.copyOf(this.channels), this.eventsOnlyOnConnect, this.tls, this.pubSub));
		}

	}

}
