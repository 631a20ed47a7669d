package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a {@code @SalesforceListener} call: one per listener and event (and per attempt when the
 * error handler retries).
 */
public enum SalesforceListenerObservation implements ObservationDocumentation {

	/** A listener call. */
	LISTENER_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSalesforceListenerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ListenerLowCardinalityTags.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ListenerHighCardinalityTags.values();
		}

	};

	/** Low-cardinality keys: they become meter tags. */
	public enum ListenerLowCardinalityTags implements KeyName {

		/** The listener's id. */
		LISTENER_ID {

			@Override
			public String asString() {
				return "listener.id";
			}

		},

		/** The channel of the event. */
		CHANNEL {

			@Override
			public String asString() {
				return "channel";
			}

		},

		/** {@code success} or {@code failure}. */
		RESULT {

			@Override
			public String asString() {
				return "result";
			}

		},

		/** The simple class name of what the listener threw, or {@code none}. */
		EXCEPTION {

			@Override
			public String asString() {
				return "exception";
			}

		},

		/** Always {@code salesforce}. */
		MESSAGING_SYSTEM {

			@Override
			public String asString() {
				return "messaging.system";
			}

		}

	}

	/** High-cardinality keys: on spans only. */
	public enum ListenerHighCardinalityTags implements KeyName {

		/** The replay id of the event. */
		REPLAY_ID {

			@Override
			public String asString() {
				return "salesforce.replay.id";
			}

		}

	}

}
