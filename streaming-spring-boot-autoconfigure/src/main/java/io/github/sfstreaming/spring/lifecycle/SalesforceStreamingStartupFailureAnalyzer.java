package io.github.sfstreaming.spring.lifecycle;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.sfstreaming.auth.LoginException;
import io.github.sfstreaming.client.InvalidReplayIdException;
import io.github.sfstreaming.client.SubscriptionException;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails;

/**
 * Turns a {@link SalesforceStreamingStartupException} into a start-up report that says which property to fix:
 * the client knows nothing of Spring Boot's property names, this does.
 */
class SalesforceStreamingStartupFailureAnalyzer extends AbstractFailureAnalyzer<SalesforceStreamingStartupException> {

	private static final String PROPERTIES_DETAILS =
			"io.github.sfstreaming.spring.autoconfigure.PropertiesSalesforceStreamingConnectionDetails";

	private final @Nullable ListableBeanFactory beanFactory;

	/** Boot passes the context's bean factory, to see where the login URL and credentials came from. */
	SalesforceStreamingStartupFailureAnalyzer(@Nullable BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SalesforceStreamingStartupException cause) {
		return new FailureAnalysis(String.valueOf(cause.getMessage()), action(cause), cause);
	}

	private String action(SalesforceStreamingStartupException cause) {
		if (findCause(cause, SSLException.class) != null) {
			return "Make Salesforce's certificate trusted: set 'salesforce.streaming.ssl.bundle' to a Spring Boot SSL "
					+ "bundle (spring.ssl.bundle.*) whose trust store holds its certificate chain, and check "
					+ loginUrl() + ".";
		}
		InvalidReplayIdException invalidReplayId = findCause(cause, InvalidReplayIdException.class);
		if (invalidReplayId != null) {
			return "The stored replay id of " + invalidReplayId.getChannel() + " is no longer retained by Salesforce. "
					+ "Set 'salesforce.streaming.replay.on-invalid-id' to 'new' or 'all' to resume from there, or "
					+ "delete the channel's row from the replay store.";
		}
		SubscriptionException subscription = findCause(cause, SubscriptionException.class);
		if (subscription != null) {
			return "Check the channel " + subscription.getChannel() + " of your @SalesforceListener methods: it must "
					+ "exist in the org, and the user must be allowed to read it. Or set "
					+ "'salesforce.streaming.startup.failure-policy' to 'continue' to start without it.";
		}
		if (String.valueOf(cause.getMessage()).contains("407 Proxy Authentication Required")) {
			return "Check 'salesforce.streaming.proxy.username' and 'salesforce.streaming.proxy.password'.";
		}
		LoginException login = findCause(cause, LoginException.class);
		if (login != null && !login.isRetryable()) {
			return "Check " + credentials() + " and the connected app" + ((login.getError() != null) ? " (Salesforce answered " + login.getError() + ")"
							: "")
					+ ".";
		}
		return "Check that Salesforce is reachable at " + loginUrl() + ", or set "
				+ "'salesforce.streaming.startup.failure-policy' to 'retry' or 'continue' to start without it and "
				+ "connect in the background.";
	}

	/**
	 * The connection details bean that replaced the properties (a test's emulator, for example), or {@code null}
	 * when the login URL and credentials come from {@code salesforce.streaming.*}.
	 */
	private @Nullable String connectionDetailsBean() {
		ListableBeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return null;
		}
		try {
			for (String name : beanFactory.getBeanNamesForType(SalesforceStreamingConnectionDetails.class, false,
					false)) {
				Class<?> type = beanFactory.getType(name, false);
				if (type != null && !PROPERTIES_DETAILS.equals(type.getName())) {
					return "'" + name + "' (" + type.getSimpleName() + ")";
				}
			}
		}
		catch (RuntimeException ex) {
			// a context that failed to start may not answer: fall back to the properties
		}
		return null;
	}

	private String loginUrl() {
		String bean = connectionDetailsBean();
		return (bean != null) ? "the login URL of the SalesforceStreamingConnectionDetails bean " + bean
				: "'salesforce.streaming.login-url'";
	}

	private String credentials() {
		String bean = connectionDetailsBean();
		return (bean != null) ? "the login URL and credentials of the SalesforceStreamingConnectionDetails bean " + bean
				: "the 'salesforce.streaming.auth.*' properties, 'salesforce.streaming.login-url'";
	}

}
