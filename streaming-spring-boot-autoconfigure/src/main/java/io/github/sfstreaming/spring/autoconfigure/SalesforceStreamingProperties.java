package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import io.github.sfstreaming.spring.lifecycle.StartupFailurePolicy;

/**
 * Configuration properties of the Salesforce Streaming API client.
 */
@ConfigurationProperties("salesforce.streaming")
public class SalesforceStreamingProperties {

	/**
	 * Whether to connect to Salesforce and deliver events to listeners.
	 */
	private boolean enabled = true;

	/**
	 * Protocol that brings the events: cometd (the Streaming API: every channel kind) or pubsub (the gRPC Pub/Sub
	 * API, with salesforce.streaming.pubsub.*: platform events and Change Data Capture only; needs the
	 * streaming-pubsub module).
	 */
	private Transport transport = Transport.COMETD;

	/**
	 * Salesforce login URL: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or the
	 * org's My Domain URL (required by the client-credentials grant).
	 */
	private String loginUrl = "https://login.salesforce.com";

	/**
	 * Salesforce API version of the CometD endpoint.
	 */
	private String apiVersion = "64.0";

	/**
	 * Time added to the server's long-poll timeout to get the HTTP response timeout.
	 */
	private Duration longPollTimeoutMargin = Duration.ofSeconds(15);

	/**
	 * Largest single Bayeux message accepted. The limit applies to each message of a response, which may carry a
	 * whole backlog of events; a larger event is skipped and reported as malformed.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(10);

	/**
	 * Maximum number of received events, all channels together, that may wait for their listeners before
	 * polling pauses.
	 */
	private int bufferSize = 1000;

	/**
	 * Maximum time to wait, on shutdown, for the events in hand to be handled and their replay ids stored.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Time without an event after which a subscribed channel is idle: a ChannelIdleEvent is published, and again
	 * after every further interval while it stays idle. No idle events when not set.
	 */
	private @Nullable Duration idleEventInterval;

	private final Auth auth = new Auth();

	private final Backoff backoff = new Backoff();

	private final Replay replay = new Replay();

	private final Startup startup = new Startup();

	private final Listener listener = new Listener();

	private final Proxy proxy = new Proxy();

	private final Ssl ssl = new Ssl();

	private final Health health = new Health();

	private final Cluster cluster = new Cluster();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public String getLoginUrl() {
		return this.loginUrl;
	}

	public void setLoginUrl(String loginUrl) {
		this.loginUrl = loginUrl;
	}

	public String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public Duration getLongPollTimeoutMargin() {
		return this.longPollTimeoutMargin;
	}

	public void setLongPollTimeoutMargin(Duration longPollTimeoutMargin) {
		this.longPollTimeoutMargin = longPollTimeoutMargin;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public @Nullable Duration getIdleEventInterval() {
		return this.idleEventInterval;
	}

	public void setIdleEventInterval(@Nullable Duration idleEventInterval) {
		this.idleEventInterval = idleEventInterval;
	}

	public Health getHealth() {
		return this.health;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public Replay getReplay() {
		return this.replay;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * Protocols that bring the events. One application receives over one of them.
	 */
	public enum Transport {

		/** The Streaming API (CometD long polling): PushTopics, generic streaming, platform events and CDC. */
		COMETD,

		/** The gRPC Pub/Sub API: platform events and Change Data Capture, with flow control. */
		PUBSUB

	}

	/**
	 * OAuth 2.0 login.
	 */
	public static class Auth {

		/**
		 * OAuth grant used to log in. Inferred when not set: jwt-bearer when a private key is set,
		 * refresh-token when a refresh token is set, password when a username and password are set,
		 * client-credentials otherwise.
		 */
		private @Nullable GrantType grantType;

		/**
		 * Consumer key of the connected app.
		 */
		private @Nullable String clientId;

		/**
		 * Consumer secret of the connected app.
		 */
		private @Nullable String clientSecret;

		/**
		 * Username of the integration user (password and jwt-bearer grants).
		 */
		private @Nullable String username;

		/**
		 * Password of the integration user (password grant).
		 */
		private @Nullable String password;

		/**
		 * Security token appended to the password (password grant, when the org requires one).
		 */
		private @Nullable String securityToken;

		/**
		 * Refresh token (refresh-token grant).
		 */
		private @Nullable String refreshToken;

		/**
		 * PEM-encoded PKCS#8 private key that signs the JWT assertion (jwt-bearer grant).
		 */
		private @Nullable Resource privateKey;

		/**
		 * Audience of the JWT assertion (jwt-bearer grant). Defaults to https://test.salesforce.com for a sandbox
		 * login URL (test.salesforce.com or a sandbox My Domain), https://login.salesforce.com for any other
		 * salesforce.com host, and the login URL itself otherwise.
		 */
		private @Nullable String audience;

		public @Nullable GrantType getGrantType() {
			return this.grantType;
		}

		public void setGrantType(@Nullable GrantType grantType) {
			this.grantType = grantType;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getSecurityToken() {
			return this.securityToken;
		}

		public void setSecurityToken(@Nullable String securityToken) {
			this.securityToken = securityToken;
		}

		public @Nullable String getRefreshToken() {
			return this.refreshToken;
		}

		public void setRefreshToken(@Nullable String refreshToken) {
			this.refreshToken = refreshToken;
		}

		public @Nullable Resource getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable Resource privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

	}

	/**
	 * OAuth grants.
	 */
	public enum GrantType {

		/** Username and password (with the security token when required) of the integration user. */
		PASSWORD,

		/** A refresh token issued to the connected app. */
		REFRESH_TOKEN,

		/** A JWT assertion signed with the connected app's private key. */
		JWT_BEARER,

		/** The connected app's own credentials, on the org's My Domain URL. */
		CLIENT_CREDENTIALS

	}

	/**
	 * Reconnect back-off.
	 */
	public static class Backoff {

		/**
		 * Delay before the first reconnect attempt after a failure; doubled, with jitter, on every further
		 * failure.
		 */
		private Duration initial = Duration.ofSeconds(1);

		/**
		 * Maximum delay between reconnect attempts.
		 */
		private Duration max = Duration.ofMinutes(2);

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

	}

	/**
	 * Replay ids: where they are stored and where a subscription starts.
	 */
	public static class Replay {

		/**
		 * Where replay ids are stored. Defaults to jdbc when a single DataSource exists, memory otherwise.
		 */
		private @Nullable StoreType store;

		/**
		 * Where a channel with no stored replay id starts.
		 */
		private ReplayStart defaultStart = ReplayStart.NEW;

		/**
		 * What to do when Salesforce rejects a stored replay id, usually because the event is older than
		 * the retention window.
		 */
		private OnInvalidReplayId onInvalidId = OnInvalidReplayId.ALL;

		/**
		 * Name under which this application's replay ids are stored, so that several applications can
		 * share one table. Defaults to spring.application.name.
		 */
		private @Nullable String consumer;

		/**
		 * Name of the table of the JDBC replay store, optionally qualified by a schema.
		 */
		private String tableName = "SF_STREAMING_REPLAY";

		/**
		 * Database schema initialization mode of the JDBC replay store.
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

		/**
		 * Path to the SQL script that creates the JDBC replay store's table, or upgrades a table of an earlier layout.
		 */
		private String schema = "classpath:io/github/sfstreaming/spring/replay/jdbc/schema-@@platform@@.sql";

		/**
		 * Platform to use in the schema script if the @@platform@@ placeholder is used. Auto-detected by
		 * default.
		 */
		private @Nullable String platform;

		/**
		 * How long the JDBC replay store may hold a handled replay id before writing it, coalescing the ids
		 * of one channel into one write. Zero writes every id at once.
		 */
		private Duration flushInterval = Duration.ofMillis(500);

		public @Nullable StoreType getStore() {
			return this.store;
		}

		public void setStore(@Nullable StoreType store) {
			this.store = store;
		}

		/**
		 * Where a channel with no stored replay id starts.
		 * @return the start
		 */
		public ReplayStart getDefault() {
			return this.defaultStart;
		}

		public void setDefault(ReplayStart defaultStart) {
			this.defaultStart = defaultStart;
		}

		public OnInvalidReplayId getOnInvalidId() {
			return this.onInvalidId;
		}

		public void setOnInvalidId(OnInvalidReplayId onInvalidId) {
			this.onInvalidId = onInvalidId;
		}

		public @Nullable String getConsumer() {
			return this.consumer;
		}

		public void setConsumer(@Nullable String consumer) {
			this.consumer = consumer;
		}

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

		public @Nullable String getPlatform() {
			return this.platform;
		}

		public void setPlatform(@Nullable String platform) {
			this.platform = platform;
		}

		public Duration getFlushInterval() {
			return this.flushInterval;
		}

		public void setFlushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
		}

	}

	/**
	 * Kinds of replay store.
	 */
	public enum StoreType {

		/** A table, through the application's DataSource. */
		JDBC,

		/** Memory: replay ids are lost on restart. */
		MEMORY

	}

	/**
	 * Where a subscription with no stored replay id starts.
	 */
	public enum ReplayStart {

		/** Only events published after the subscription. */
		NEW,

		/** Every event Salesforce still retains. */
		ALL

	}

	/**
	 * Reactions to a stored replay id that Salesforce rejects.
	 */
	public enum OnInvalidReplayId {

		/** Fail the channel's subscription. */
		FAIL,

		/** Start again with new events only; events in between are lost. */
		NEW,

		/** Start again with every retained event; listeners may see some events again. */
		ALL

	}

	/**
	 * Start-up behaviour.
	 */
	public static class Startup {

		/**
		 * Whether to connect when the application context starts. When false, start the
		 * SalesforceStreamingLifecycle bean yourself. In cluster mode, whether to compete for leadership when the
		 * context starts; when false, start the SalesforceStreamingLeaderElection bean yourself.
		 */
		private boolean autoStartup = true;

		/**
		 * What to do when the client cannot connect at start-up.
		 */
		private StartupFailurePolicy failurePolicy = StartupFailurePolicy.RETRY;

		/**
		 * Maximum time start-up waits for the first connection and the subscription of every listener channel
		 * before applying the failure policy.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public StartupFailurePolicy getFailurePolicy() {
			return this.failurePolicy;
		}

		public void setFailurePolicy(StartupFailurePolicy failurePolicy) {
			this.failurePolicy = failurePolicy;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Listener methods.
	 */
	public static class Listener {

		/**
		 * Number of channels whose events are handled in parallel. Events of one channel are always handled
		 * one at a time, in order.
		 */
		private int concurrency = 4;

		private final Retry retry = new Retry();

		private final Batch batch = new Batch();

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Batch getBatch() {
			return this.batch;
		}

	}

	/**
	 * Batch listeners.
	 */
	public static class Batch {

		/**
		 * Maximum number of events of one channel a batch listener receives per call.
		 */
		private int maxSize = 32;

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * Retries of a listener method that throws, named as Spring Boot's RetryPolicySettings names them.
	 */
	public static class Retry extends RetryProperties {

		/**
		 * Maximum number of attempts, the first one included.
		 * @return max-retries plus one
		 * @deprecated since 0.2 for removal in 0.3: use max-retries, which does not count the first attempt
		 */
		@Deprecated(since = "0.2", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "salesforce.streaming.listener.retry.max-retries",
				reason = "Named as Spring Boot's RetryPolicySettings; max-retries = max-attempts - 1", since = "0.2")
		public int getMaxAttempts() {
			return (int) Math.min(Integer.MAX_VALUE, getMaxRetries() + 1);
		}

		@Deprecated(since = "0.2", forRemoval = true)
		public void setMaxAttempts(int maxAttempts) {
			setMaxRetries(maxAttempts - 1L);
		}

		/**
		 * Delay before the first retry.
		 * @return the delay
		 * @deprecated since 0.2 for removal in 0.3: use delay
		 */
		@Deprecated(since = "0.2", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "salesforce.streaming.listener.retry.delay",
				reason = "Named as Spring Boot's RetryPolicySettings", since = "0.2")
		public Duration getInitialInterval() {
			return getDelay();
		}

		@Deprecated(since = "0.2", forRemoval = true)
		public void setInitialInterval(Duration initialInterval) {
			setDelay(initialInterval);
		}

		/**
		 * Maximum delay between two retries.
		 * @return the delay
		 * @deprecated since 0.2 for removal in 0.3: use max-delay
		 */
		@Deprecated(since = "0.2", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "salesforce.streaming.listener.retry.max-delay",
				reason = "Named as Spring Boot's RetryPolicySettings", since = "0.2")
		public Duration getMaxInterval() {
			return getMaxDelay();
		}

		@Deprecated(since = "0.2", forRemoval = true)
		public void setMaxInterval(Duration maxInterval) {
			setMaxDelay(maxInterval);
		}

	}

	/**
	 * HTTP proxy between the application and Salesforce.
	 */
	public static class Proxy {

		/**
		 * Host name of the HTTP proxy. No proxy is used when not set.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private int port = 8080;

		/**
		 * Username for the HTTP proxy.
		 */
		private @Nullable String username;

		/**
		 * Password for the HTTP proxy.
		 */
		private @Nullable String password;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * TLS towards Salesforce (the connection to an HTTP proxy itself is plain HTTP).
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that configures TLS. The JVM's defaults are used when
		 * not set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Health indicator.
	 */
	public static class Health {

		/**
		 * How long the client may try to (re)connect before the health indicator reports DOWN.
		 */
		private Duration reconnectingThreshold = Duration.ofMinutes(1);

		/**
		 * How long polling may stay paused, because listeners do not keep up and the buffer is full, before the
		 * health indicator reports DOWN.
		 */
		private Duration pollingPauseThreshold = Duration.ofMinutes(1);

		public Duration getReconnectingThreshold() {
			return this.reconnectingThreshold;
		}

		public void setReconnectingThreshold(Duration reconnectingThreshold) {
			this.reconnectingThreshold = reconnectingThreshold;
		}

		public Duration getPollingPauseThreshold() {
			return this.pollingPauseThreshold;
		}

		public void setPollingPauseThreshold(Duration pollingPauseThreshold) {
			this.pollingPauseThreshold = pollingPauseThreshold;
		}

	}

	/**
	 * Active/standby across application instances that share the replay store's database.
	 */
	public static class Cluster {

		/**
		 * Whether instances elect one leader, through a lock in the database, that alone runs the streaming
		 * client; the others wait and take over when it stops or dies.
		 */
		private boolean enabled;

		/**
		 * Lock key the instances compete for. Defaults to the replay store's consumer name.
		 */
		private @Nullable String role;

		/**
		 * Time after which the leader's lock expires if it is not renewed: how long a crashed leader keeps the
		 * others waiting. Must be longer than the heartbeat.
		 */
		private Duration lockTtl = Duration.ofSeconds(10);

		/**
		 * Interval at which the leader renews its lock and a standby instance tries to take it.
		 */
		private Duration heartbeat = Duration.ofSeconds(1);

		/**
		 * Time a standby instance waits before trying again after failing to take the lock or losing it.
		 */
		private Duration busyWait = Duration.ofMillis(100);

		/**
		 * Prefix of the lock table's name (Spring Integration's INT_LOCK by default): letters, digits and
		 * underscores, optionally preceded by a schema and a dot.
		 */
		private String tablePrefix = "INT_";

		/**
		 * Database schema initialization mode of the lock table. Defaults to the replay store's mode.
		 */
		private @Nullable DatabaseInitializationMode initializeSchema;

		/**
		 * Path to the SQL script that creates the lock table.
		 */
		private String schema = "classpath:io/github/sfstreaming/spring/cluster/lock-schema-@@platform@@.sql";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getRole() {
			return this.role;
		}

		public void setRole(@Nullable String role) {
			this.role = role;
		}

		public Duration getLockTtl() {
			return this.lockTtl;
		}

		public void setLockTtl(Duration lockTtl) {
			this.lockTtl = lockTtl;
		}

		public Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(Duration heartbeat) {
			this.heartbeat = heartbeat;
		}

		public Duration getBusyWait() {
			return this.busyWait;
		}

		public void setBusyWait(Duration busyWait) {
			this.busyWait = busyWait;
		}

		public String getTablePrefix() {
			return this.tablePrefix;
		}

		public void setTablePrefix(String tablePrefix) {
			this.tablePrefix = tablePrefix;
		}

		public @Nullable DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(@Nullable DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

	}

}
