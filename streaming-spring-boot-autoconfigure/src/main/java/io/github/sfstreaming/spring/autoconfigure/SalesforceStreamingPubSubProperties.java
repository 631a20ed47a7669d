package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Pub/Sub API transport ({@code salesforce.streaming.transport=pubsub}). The login,
 * the replay store, the listeners, the buffer, the back-off ({@code salesforce.streaming.backoff.*}) and the
 * invalid-replay-id policy are the {@code salesforce.streaming.*} ones, shared with CometD.
 */
@ConfigurationProperties("salesforce.streaming.pubsub")
public class SalesforceStreamingPubSubProperties {

	/**
	 * Host of the Pub/Sub API.
	 */
	private String host = "api.pubsub.salesforce.com";

	/**
	 * Port of the Pub/Sub API.
	 */
	private int port = 7443;

	/**
	 * Whether to connect without TLS. Allowed to this machine only (localhost or a loopback address), for a local
	 * emulator: the access token travels in every call's metadata.
	 */
	private boolean plaintext;

	/**
	 * Org id (18 characters, 00D...) sent as the tenantid of every call. Defaults to the org the login tells (the
	 * OAuth answer's id URL); needed only with a TokenProvider whose tokens do not tell it.
	 */
	private @Nullable String orgId;

	/**
	 * Most events requested from the server and not yet received, per channel, 1 to 100 (Salesforce's cap). Never
	 * more than the free room in the buffer (salesforce.streaming.buffer-size).
	 */
	private int maxCredit = 100;

	/**
	 * Time a channel's stream may stay silent, not even a keep-alive, while events are requested, before it is
	 * given up and subscribed again from the stored replay id. Salesforce sends a keep-alive within 270 s.
	 */
	private Duration keepAliveTimeout = Duration.ofSeconds(300);

	/**
	 * Time to wait before subscribing again after Salesforce refused a subscription for an org or subscription
	 * limit.
	 */
	private Duration limitBackOff = Duration.ofMinutes(5);

	private final Ssl ssl = new Ssl();

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public boolean isPlaintext() {
		return this.plaintext;
	}

	public void setPlaintext(boolean plaintext) {
		this.plaintext = plaintext;
	}

	public @Nullable String getOrgId() {
		return this.orgId;
	}

	public void setOrgId(@Nullable String orgId) {
		this.orgId = orgId;
	}

	public int getMaxCredit() {
		return this.maxCredit;
	}

	public void setMaxCredit(int maxCredit) {
		this.maxCredit = maxCredit;
	}

	public Duration getKeepAliveTimeout() {
		return this.keepAliveTimeout;
	}

	public void setKeepAliveTimeout(Duration keepAliveTimeout) {
		this.keepAliveTimeout = keepAliveTimeout;
	}

	public Duration getLimitBackOff() {
		return this.limitBackOff;
	}

	public void setLimitBackOff(Duration limitBackOff) {
		this.limitBackOff = limitBackOff;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * TLS towards the Pub/Sub API.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust and key material TLS uses. Defaults to
		 * salesforce.streaming.ssl.bundle; the JVM's defaults are used when neither is set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
