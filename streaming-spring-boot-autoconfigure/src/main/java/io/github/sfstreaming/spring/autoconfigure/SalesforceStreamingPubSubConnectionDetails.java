package io.github.sfstreaming.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details for a connection to Salesforce's Pub/Sub API ({@code salesforce.streaming.transport=pubsub}): where it
 * is, whether TLS is off (a local emulator only), and the org id if it must be given. The auto-configuration uses a bean of this type
 * when there is one (an emulator in a test) and otherwise reads {@code salesforce.streaming.pubsub.*}. The login is
 * {@link SalesforceStreamingConnectionDetails}'s; TLS trust comes from the SSL bundle properties.
 */
public interface SalesforceStreamingPubSubConnectionDetails extends ConnectionDetails {

	/**
	 * The host, e.g. {@code api.pubsub.salesforce.com}.
	 * @return the host
	 */
	String getHost();

	/**
	 * The port, e.g. {@code 7443}.
	 * @return the port
	 */
	int getPort();

	/**
	 * Whether to connect without TLS; allowed only to this machine.
	 * @return whether TLS is off
	 */
	default boolean isPlaintext() {
		return false;
	}

	/**
	 * The org id sent as {@code tenantid}; {@code null} to take {@code salesforce.streaming.pubsub.org-id}, else the
	 * org each login tells.
	 * @return the 18-character org id, or {@code null}
	 */
	default @Nullable String getOrgId() {
		return null;
	}

}
