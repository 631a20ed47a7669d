package io.github.sfstreaming.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Adapts {@link SalesforceStreamingPubSubProperties} to {@link SalesforceStreamingPubSubConnectionDetails}: the
 * connection details used when the application defines none.
 */
public class PropertiesSalesforceStreamingPubSubConnectionDetails
		implements SalesforceStreamingPubSubConnectionDetails {

	private final SalesforceStreamingPubSubProperties properties;

	/**
	 * Connection details read from the properties.
	 * @param properties the properties
	 */
	public PropertiesSalesforceStreamingPubSubConnectionDetails(SalesforceStreamingPubSubProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getHost() {
		return this.properties.getHost();
	}

	@Override
	public int getPort() {
		return this.properties.getPort();
	}

	@Override
	public boolean isPlaintext() {
		return this.properties.isPlaintext();
	}

	@Override
	public @Nullable String getOrgId() {
		return this.properties.getOrgId();
	}

}
