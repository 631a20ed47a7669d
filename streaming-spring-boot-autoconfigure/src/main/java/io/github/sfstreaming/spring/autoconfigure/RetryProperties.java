package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;

/**
 * Retries with exponential back-off, named as Spring Boot's {@code RetryPolicySettings} names them; shared by
 * {@code salesforce.streaming.listener.retry.*} and {@code salesforce.streaming.publish.retry.*}.
 */
public class RetryProperties {

	/**
	 * Maximum number of retries after the first attempt. 0 for none.
	 */
	private long maxRetries = 2;

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

	public long getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(long maxRetries) {
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
