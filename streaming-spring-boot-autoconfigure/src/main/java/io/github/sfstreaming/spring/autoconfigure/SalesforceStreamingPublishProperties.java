package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

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

	private final Retry retry = new Retry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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

	public Retry getRetry() {
		return this.retry;
	}


	/**
	 * Retries of a request that failed with 502, 503, 504, a timeout or a network error. Refusals (invalid
	 * fields, missing permissions) are never retried.
	 */
	public static class Retry {

		/**
		 * Retries of one request after it failed with 502, 503, 504, a timeout or a network error (refusals are
		 * never retried). 0 for none.
		 */
		private int maxRetries = 2;

		/**
		 * Delay before the first retry.
		 */
		private Duration delay = Duration.ofSeconds(1);

		/**
		 * Factor applied to the delay after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Maximum delay between two retries.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

}
