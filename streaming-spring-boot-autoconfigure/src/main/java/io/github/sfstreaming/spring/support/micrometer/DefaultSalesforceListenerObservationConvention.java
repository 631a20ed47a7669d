package io.github.sfstreaming.spring.support.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.spring.listener.ListenerExecutionFailedException;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerHighCardinalityTags;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerLowCardinalityTags;

/**
 * The default {@link SalesforceListenerObservationConvention}: name {@code salesforce.streaming.listener}, tags
 * {@code listener.id}, {@code channel}, {@code result}, {@code exception} and {@code messaging.system}.
 * <p>The tags of a successful call depend only on the listener and the channel: they are built once per pair
 * and kept (a listener has a handful of channels), not per event.
 */
public class DefaultSalesforceListenerObservationConvention implements SalesforceListenerObservationConvention {

	/** A shared instance. */
	public static final DefaultSalesforceListenerObservationConvention INSTANCE =
			new DefaultSalesforceListenerObservationConvention();

	/** Per listener id, per channel: the tags of a successful call. */
	private final Map<String, Map<String, KeyValues>> successKeyValues = new ConcurrentHashMap<>();

	/** Per channel: the contextual name. */
	private final Map<String, String> contextualNames = new ConcurrentHashMap<>();

	@Override
	public KeyValues getLowCardinalityKeyValues(SalesforceListenerReceiverContext context) {
		Throwable error = context.getError();
		if (error instanceof ListenerExecutionFailedException failed && failed.getCause() != null) {
			error = failed.getCause();
		}
		if (error == null) {
			return this.successKeyValues.computeIfAbsent(context.getListenerId(), (id) -> new ConcurrentHashMap<>())
				.computeIfAbsent(context.getChannel(), (channel) -> keyValues(context, null));
		}
		return keyValues(context, error);
	}

	private static KeyValues keyValues(SalesforceListenerReceiverContext context, @Nullable Throwable error) {
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
		return this.contextualNames.computeIfAbsent(context.getChannel(), (channel) -> channel + " receive");
	}

}
