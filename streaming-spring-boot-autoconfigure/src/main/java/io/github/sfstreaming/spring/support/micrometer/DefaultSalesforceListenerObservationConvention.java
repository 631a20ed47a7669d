package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.common.KeyValues;

import io.github.sfstreaming.spring.listener.ListenerExecutionFailedException;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerHighCardinalityTags;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerLowCardinalityTags;

/**
 * The default {@link SalesforceListenerObservationConvention}: name {@code salesforce.streaming.listener}, tags
 * {@code listener.id}, {@code channel}, {@code result}, {@code exception} and {@code messaging.system}.
 */
public class DefaultSalesforceListenerObservationConvention implements SalesforceListenerObservationConvention {

	/** A shared instance. */
	public static final DefaultSalesforceListenerObservationConvention INSTANCE =
			new DefaultSalesforceListenerObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(SalesforceListenerReceiverContext context) {
		Throwable error = context.getError();
		if (error instanceof ListenerExecutionFailedException failed && failed.getCause() != null) {
			error = failed.getCause();
		}
		return KeyValues.of(ListenerLowCardinalityTags.LISTENER_ID.withValue(context.getListenerId()),
				ListenerLowCardinalityTags.CHANNEL.withValue(context.getChannel()),
				ListenerLowCardinalityTags.RESULT.withValue((error != null) ? "failure" : "success"),
				ListenerLowCardinalityTags.EXCEPTION
					.withValue((error != null) ? error.getClass().getSimpleName() : "none"),
				ListenerLowCardinalityTags.MESSAGING_SYSTEM.withValue("salesforce"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SalesforceListenerReceiverContext context) {
		return KeyValues.of(
				ListenerHighCardinalityTags.REPLAY_ID.withValue(String.valueOf(context.getEvent().replayId())));
	}

	@Override
	public String getContextualName(SalesforceListenerReceiverContext context) {
		return context.getChannel() + " receive";
	}

}
