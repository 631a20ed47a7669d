package io.github.sfstreaming.pubsub;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.sfstreaming.logging.ServerText;
import io.github.sfstreaming.publish.PublishError;
import io.github.sfstreaming.publish.SalesforcePublishException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed Pub/Sub call into the {@link SalesforcePublishException} the REST transport gives for the same
 * failure, so that callers and the template's retry policy treat both transports alike: the error code is the
 * REST API's where there is one ({@code NOT_FOUND}, {@code INSUFFICIENT_ACCESS_OR_READONLY},
 * {@code INVALID_SESSION_ID}, {@code SERVER_UNAVAILABLE}, {@code REQUEST_LIMIT_EXCEEDED}), else the gRPC status;
 * the message keeps the gRPC status and the {@code error-code} trailer. Only what may succeed when sent again
 * ({@code UNAVAILABLE}, a timeout) is retryable.
 */
final class PublishFailures {

	private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code",
			Metadata.ASCII_STRING_MARSHALLER);

	private PublishFailures() {
	}

	/** Whether the call was refused for its token: log in again and send it once more. */
	static boolean isAuthError(StatusRuntimeException ex) {
		return PubSubErrorKind.classify(ex.getStatus().getCode(), errorCode(ex)) == PubSubErrorKind.AUTH;
	}

	static SalesforcePublishException of(StatusRuntimeException ex, String action, Duration timeout) {
		Status.Code code = ex.getStatus().getCode();
		String errorCode = errorCode(ex);
		String trailer = (errorCode != null) ? errorCode.toLowerCase(Locale.ROOT) : "";
		if (code == Status.Code.DEADLINE_EXCEEDED) {
			return new SalesforcePublishException("No answer from the Pub/Sub API within " + timeout.toMillis()
					+ " ms to " + action, 0, List.of(), true, ex);
		}
		String description = (ex.getStatus().getDescription() != null) ? ex.getStatus().getDescription() : "";
		boolean retryable = code == Status.Code.UNAVAILABLE || trailer.contains("unavailable");
		PublishError error = new PublishError(restCode(code, trailer), description, List.of());
		return new SalesforcePublishException("The Pub/Sub API answered " + code
				+ ((errorCode != null) ? " (" + ServerText.escape(errorCode) + ")" : "") + " to " + action + ": "
				+ ServerText.escape(description), 0, List.of(error), retryable, ex);
	}

	private static String restCode(Status.Code code, String trailer) {
		if (trailer.contains("auth.error") || code == Status.Code.UNAUTHENTICATED) {
			return "INVALID_SESSION_ID";
		}
		if (trailer.contains("limit.exceeded") || code == Status.Code.RESOURCE_EXHAUSTED) {
			return "REQUEST_LIMIT_EXCEEDED";
		}
		if (trailer.contains("unavailable")) {
			return "SERVER_UNAVAILABLE";
		}
		return switch (code) {
			case NOT_FOUND -> "NOT_FOUND";
			case PERMISSION_DENIED -> "INSUFFICIENT_ACCESS_OR_READONLY";
			case UNAVAILABLE -> "SERVER_UNAVAILABLE";
			default -> code.name();
		};
	}

	private static @Nullable String errorCode(StatusRuntimeException ex) {
		Metadata trailers = ex.getTrailers();
		return (trailers != null) ? trailers.get(ERROR_CODE) : null;
	}

}
