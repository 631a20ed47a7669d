package io.github.sfstreaming.publish;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@link PublishObservation}: implement it to change the name or tags.
 */
public interface PublishObservationConvention extends ObservationConvention<PublishObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PublishObservationContext;
	}

	@Override
	default String getName() {
		return "salesforce.streaming.publish";
	}

}
