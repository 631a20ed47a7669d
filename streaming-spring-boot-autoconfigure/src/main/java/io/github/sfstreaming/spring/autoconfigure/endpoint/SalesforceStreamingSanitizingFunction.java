package io.github.sfstreaming.spring.autoconfigure.endpoint;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the secret {@code salesforce.streaming.*} properties, whatever form their key takes: the
 * {@code configprops} endpoint names them {@code salesforce.streaming.auth.clientSecret}, the {@code env} endpoint
 * {@code salesforce.streaming.auth.client-secret} or {@code SALESFORCE_STREAMING_AUTH_CLIENT_SECRET}.
 */
final class SalesforceStreamingSanitizingFunction implements SanitizingFunction {

	/** The secret properties' keys, lower case, without separators. */
	private static final Set<String> SECRET_KEYS = Set.of("salesforcestreamingauthpassword",
			"salesforcestreamingauthclientsecret", "salesforcestreamingauthsecuritytoken",
			"salesforcestreamingauthrefreshtoken", "salesforcestreamingauthprivatekey",
			"salesforcestreamingproxypassword");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				normalized.append(c);
			}
		}
		return SECRET_KEYS.contains(normalized.toString());
	}

}
