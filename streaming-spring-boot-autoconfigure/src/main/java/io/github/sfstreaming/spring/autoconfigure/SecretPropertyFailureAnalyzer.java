package io.github.sfstreaming.spring.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an invalid secret {@code salesforce.streaming.*} property without its value. Spring Boot's own analysis
 * of an {@link InvalidConfigurationPropertyValueException} prints the property's value as the environment holds it:
 * for a private key pasted into {@code salesforce.streaming.auth.private-key}, the key itself. This one runs first
 * and prints the property's name and the reason only.
 */
class SecretPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationPropertyValueException>
		implements Ordered {

	/** The properties whose value is secret, as the auto-configuration names them in its exceptions. */
	static final Set<String> SECRET_PROPERTIES = Set.of("salesforce.streaming.auth.private-key",
			"salesforce.streaming.auth.client-secret", "salesforce.streaming.auth.password",
			"salesforce.streaming.auth.security-token", "salesforce.streaming.auth.refresh-token",
			"salesforce.streaming.proxy.password");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure,
			InvalidConfigurationPropertyValueException cause) {
		if (!SECRET_PROPERTIES.contains(cause.getName())) {
			return null;
		}
		String description = "Invalid value for configuration property '" + cause.getName()
				+ "' (the value is secret and not shown). Validation failed for the following reason:"
				+ System.lineSeparator() + System.lineSeparator()
				+ ((cause.getReason() != null) ? cause.getReason() : "No reason was provided.");
		return new FailureAnalysis(description,
				"Review the value of the property '" + cause.getName() + "' with the provided reason.", cause);
	}

	@Override
	public int getOrder() {
		// before Spring Boot's analyzer of the same exception, which shows the value
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
