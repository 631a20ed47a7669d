package io.github.sfstreaming.spring.config;

/**
 * A bean that knows a channel no listener can use, checked for every channel of every listener when it is
 * registered, so that the mistake fails the application at start-up rather than at runtime. The JDBC replay store
 * is one: it cannot store the replay id of a channel longer than its table's channel column.
 */
@FunctionalInterface
public interface ListenerChannelValidator {

	/**
	 * Checks one channel of a listener.
	 * @param endpoint the listener
	 * @param channel one of its channels, already known to be a Salesforce channel
	 * @throws IllegalStateException naming the listener and the channel, and saying what to fix
	 */
	void validate(SalesforceListenerEndpoint endpoint, String channel);

}
