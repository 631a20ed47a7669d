package io.github.sfstreaming.publish;

import io.micrometer.common.KeyValues;

import io.github.sfstreaming.publish.PublishObservation.PublishHighCardinalityTags;
import io.github.sfstreaming.publish.PublishObservation.PublishLowCardinalityTags;

/**
 * The default {@link PublishObservationConvention}: name {@code salesforce.streaming.publish}, tags
 * {@code channel}, {@code outcome}, {@code operation}, {@code exception} and {@code messaging.system}.
 */
public class DefaultPublishObservationConvention implements PublishObservationConvention {

	/** A shared instance. */
	public static final DefaultPublishObservationConvention INSTANCE = new DefaultPublishObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(PublishObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(PublishLowCardinalityTags.CHANNEL.withValue(context.getChannel()),
				PublishLowCardinalityTags.OUTCOME.withValue((error != null) ? "error" : context.getOutcome()),
				PublishLowCardinalityTags.OPERATION.withValue(context.getOperation()),
				PublishLowCardinalityTags.EXCEPTION
					.withValue((error != null) ? error.getClass().getSimpleName() : "none"),
				PublishLowCardinalityTags.MESSAGING_SYSTEM.withValue("salesforce"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(PublishObservationContext context) {
		return KeyValues.of(PublishHighCardinalityTags.EVENT_COUNT.withValue(String.valueOf(context.getEventCount())));
	}

	@Override
	public String getContextualName(PublishObservationContext context) {
		return context.getChannel() + " publish";
	}

}
