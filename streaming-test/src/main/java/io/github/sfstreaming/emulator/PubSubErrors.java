package io.github.sfstreaming.emulator;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The Pub/Sub API's errors: a gRPC status and, as Salesforce sends it, an {@code error-code} trailer.
 */
final class PubSubErrors {

	static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

	static final String AUTH = "sfdc.platform.eventbus.grpc.service.auth.error";

	static final String UNAVAILABLE = "sfdc.platform.eventbus.grpc.service.unavailable";

	static final String REPLAY_ID_CORRUPTED = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";

	static final String REPLAY_ID_INVALID =
			"sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";

	static final String TOPIC_NOT_FOUND = "sfdc.platform.eventbus.grpc.service.topic.not.found";

	static final String INVALID_REQUEST = "sfdc.platform.eventbus.grpc.service.invalid.request";

	private PubSubErrors() {
	}

	static StatusRuntimeException error(Status.Code code, String errorCode, String description) {
		Metadata trailers = new Metadata();
		trailers.put(ERROR_CODE, errorCode);
		return Status.fromCode(code).withDescription(description).asRuntimeException(trailers);
	}

}
