package io.github.sfstreaming.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.github.sfstreaming.auth.SecureUrls;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Listener;

/**
 * Start-up checks of {@link SalesforceStreamingProperties} whose failures name the property to fix.
 */
final class PropertiesValidator {

	private static final String PREFIX = "salesforce.streaming.";

	private static final Pattern API_VERSION = Pattern.compile("(\\d{2,3})\\.0");

	private static final int OLDEST_API_VERSION = SalesforceStreamingClient.OLDEST_API_VERSION;

	private PropertiesValidator() {
	}

	static URI loginUrl(SalesforceStreamingProperties properties) {
		String value = properties.getLoginUrl();
		try {
			return SecureUrls.requireSecure(URI.create(value), "login-url");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "login-url", value,
					"Must be an absolute https URL such as https://login.salesforce.com (http only to this machine)");
		}
	}

	static void validateClient(SalesforceStreamingProperties properties) {
		var matcher = API_VERSION.matcher(properties.getApiVersion());
		if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < OLDEST_API_VERSION) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "api-version", properties.getApiVersion(),
					"Must be a Salesforce API version such as 64.0, " + OLDEST_API_VERSION + ".0 or later");
		}
		positive("backoff.initial", properties.getBackoff().getInitial());
		positive("backoff.max", properties.getBackoff().getMax());
		if (properties.getBackoff().getMax().compareTo(properties.getBackoff().getInitial()) < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "backoff.max",
					properties.getBackoff().getMax(), "Must not be less than backoff.initial");
		}
		positive("long-poll-timeout-margin", properties.getLongPollTimeoutMargin());
		long maxMessageSize = properties.getMaxMessageSize().toBytes();
		if (maxMessageSize < 64 * 1024 || maxMessageSize > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-message-size",
					properties.getMaxMessageSize(), "Must be between 64KB and 2GB (Salesforce advises at least 10MB)");
		}
		atLeast("buffer-size", properties.getBufferSize(), 1);
		notNegative("shutdown-timeout", properties.getShutdownTimeout());
		notNegative("startup.timeout", properties.getStartup().getTimeout());
		Listener listener = properties.getListener();
		atLeast("listener.concurrency", listener.getConcurrency(), 1);
	}

	static void validateRetry(Listener listener) {
		if (listener.getRetry().getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "listener.retry.max-retries",
					listener.getRetry().getMaxRetries(),
					"Must be 0 or more (the deprecated listener.retry.max-attempts, 1 or more)");
		}
		positive("listener.retry.delay", listener.getRetry().getDelay());
		positive("listener.retry.max-delay", listener.getRetry().getMaxDelay());
		if (!(listener.getRetry().getMultiplier() >= 1.0)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "listener.retry.multiplier",
					listener.getRetry().getMultiplier(), "Must be 1 or more");
		}
	}

	static void validateBatch(Listener listener) {
		atLeast("listener.batch.max-size", listener.getBatch().getMaxSize(), 1);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value, "Must be positive");
		}
	}

	private static void notNegative(String name, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value, "Must not be negative");
		}
	}

	private static void atLeast(String name, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name, value,
					"Must be " + minimum + " or more");
		}
	}

}
