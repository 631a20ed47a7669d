package io.github.sfstreaming.spring.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Adapts {@link SalesforceStreamingProperties} to {@link SalesforceStreamingConnectionDetails}: the connection
 * details used when the application defines none.
 */
public class PropertiesSalesforceStreamingConnectionDetails implements SalesforceStreamingConnectionDetails {

	private final SalesforceStreamingProperties properties;

	/**
	 * Connection details read from the properties.
	 * @param properties the properties
	 */
	public PropertiesSalesforceStreamingConnectionDetails(SalesforceStreamingProperties properties) {
		this.properties = properties;
	}

	/**
	 * The {@code salesforce.streaming.login-url}.
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException if it
	 * is not an absolute https URL (or http to this machine)
	 */
	@Override
	public URI getLoginUrl() {
		return PropertiesValidator.loginUrl(this.properties);
	}

	@Override
	public @Nullable String getClientId() {
		return this.properties.getAuth().getClientId();
	}

	@Override
	public @Nullable String getClientSecret() {
		return this.properties.getAuth().getClientSecret();
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getAuth().getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getAuth().getPassword();
	}

	@Override
	public @Nullable String getSecurityToken() {
		return this.properties.getAuth().getSecurityToken();
	}

	@Override
	public @Nullable String getRefreshToken() {
		return this.properties.getAuth().getRefreshToken();
	}

	/**
	 * The whole {@code salesforce.streaming.auth} group, with the grant type and the JWT settings.
	 * @return the auth properties
	 */
	SalesforceStreamingProperties.Auth getAuth() {
		return this.properties.getAuth();
	}

}
