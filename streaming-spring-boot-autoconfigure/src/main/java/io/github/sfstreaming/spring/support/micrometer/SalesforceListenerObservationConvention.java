package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for listener calls. Define a bean of this type to replace
 * {@link DefaultSalesforceListenerObservationConvention}.
 */
public interface SalesforceListenerObservationConvention
		extends ObservationConvention<SalesforceListenerReceiverContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SalesforceListenerReceiverContext;
	}

	@Override
	default String getName() {
		return "salesforce.streaming.listener";
	}

}
