package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties of the publishing template, {@code SalesforceStreamingTemplate}. It connects with the
 * {@code salesforce.streaming.*} login, API version, proxy and SSL bundle.
 */
@ConfigurationProperties("salesforce.streaming.publish")
public class SalesforceStreamingPublishProperties {

	/**
	 * Whether to auto-configure the SalesforceStreamingTemplate that publishes platform events and pushes to
	 * generic streaming channels.
	 */
	private boolean enabled = true;

	/**
	 * Transport of the platform events the template publishes: rest (the REST API) or pubsub (the Pub/Sub API's
	 * Publish call, only with salesforce.streaming.transport=pubsub). Defaults to the transport the listeners
	 * receive over: pubsub when salesforce.streaming.transport is pubsub, else rest. Pushes to generic streaming
	 * channels (/u/) always go through the REST API.
	 */
	private @Nullable PublishTransport transport;

	/**
	 * Whether Salesforce must refuse every event of a batch request when it refuses one. A batch larger than the
	 * batch size is several requests, each all-or-none on its own.
	 */
	private boolean allOrNone;

	/**
	 * Most events per batch request (sObject Collections), 1 to 200.
	 */
	private int batchSize = 200;

	/**
	 * How long to wait for Salesforce's answer to one request.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable PublishTransport getTransport() {
		return this.transport;
	}

	public void setTransport(@Nullable PublishTransport transport) {
		this.transport = transport;
	}

	public boolean isAllOrNone() {
		return this.allOrNone;
	}

	public void setAllOrNone(boolean allOrNone) {
		this.allOrNone = allOrNone;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	/**
	 * Transport of the platform events the template publishes.
	 */
	public enum PublishTransport {

		/** The REST API (sObject and sObject Collections requests): all-or-none batches available. */
		REST,

		/** The Pub/Sub API's {@code Publish} call, over the Pub/Sub transport's gRPC channel. */
		PUBSUB

	}

}
