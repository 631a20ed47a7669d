package io.github.sfstreaming.spring.autoconfigure.endpoint;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} that keeps the
 * Salesforce credentials masked in Actuator's {@code configprops} and {@code env} endpoints even when their
 * {@code show-values} is {@code always} or {@code when-authorized}: Boot no longer masks values by key name.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SalesforceStreamingSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "salesforceStreamingSanitizingFunction")
	SanitizingFunction salesforceStreamingSanitizingFunction() {
		return new SalesforceStreamingSanitizingFunction();
	}

}
