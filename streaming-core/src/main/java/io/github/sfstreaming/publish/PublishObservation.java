package io.github.sfstreaming.publish;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a publish: one per call of {@link SalesforceStreamingOperations} (a whole batch is one,
 * retries and re-logins included), named {@code salesforce.streaming.publish}.
 */
public enum PublishObservation implements ObservationDocumentation {

	/** A publish or push. */
	PUBLISH_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultPublishObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return PublishLowCardinalityTags.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return PublishHighCardinalityTags.values();
		}

	};

	/** Low-cardinality keys: they become meter tags. */
	public enum PublishLowCardinalityTags implements KeyName {

		/** The channel: {@code /event/Order__e} or {@code /u/Name}. */
		CHANNEL {

			@Override
			public String asString() {
				return "channel";
			}

		},

		/**
		 * {@code success} (every event accepted), {@code partial} (some refused), {@code rejected} (all refused) or
		 * {@code error} (an exception: Salesforce refused the request or could not be reached).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/** {@code publish} (one platform event), {@code publish-batch} or {@code push} (generic streaming). */
		OPERATION {

			@Override
			public String asString() {
				return "operation";
			}

		},

		/** The simple class name of the exception, or {@code none}. */
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
	public enum PublishHighCardinalityTags implements KeyName {

		/** The number of events of the call. */
		EVENT_COUNT {

			@Override
			public String asString() {
				return "salesforce.event.count";
			}

		}

	}

}
