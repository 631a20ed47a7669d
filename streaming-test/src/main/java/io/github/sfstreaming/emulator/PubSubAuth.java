package io.github.sfstreaming.emulator;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * Checks every Pub/Sub call's metadata as Salesforce does: {@code accesstoken} an issued token (shared with the
 * OAuth and Bayeux side), {@code tenantid} the org id, {@code instanceurl} present. Also applies the armed
 * call-level faults.
 */
final class PubSubAuth implements ServerInterceptor {

	static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private final TokenStore tokens;

	private final PubSubFaults faults;

	PubSubAuth(TokenStore tokens, PubSubFaults faults) {
		this.tokens = tokens;
		this.faults = faults;
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		StatusRuntimeException refused = refusal(headers);
		if (refused != null) {
			call.close(refused.getStatus(), refused.getTrailers() != null ? refused.getTrailers() : new Metadata());
			return new ServerCall.Listener<>() {
			};
		}
		return next.startCall(call, headers);
	}

	private @Nullable StatusRuntimeException refusal(Metadata headers) {
		if (this.faults.takeUnavailable()) {
			return PubSubErrors.error(Status.Code.UNAVAILABLE, PubSubErrors.UNAVAILABLE,
					"The service is unavailable (emulator fault)");
		}
		if (this.faults.takeAuthError()) {
			return PubSubErrors.error(Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH,
					"The session is invalid (emulator fault)");
		}
		String instanceUrl = headers.get(INSTANCE_URL);
		if (!this.tokens.isValid(headers.get(ACCESS_TOKEN)) || instanceUrl == null || instanceUrl.isBlank()) {
			return PubSubErrors.error(Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH,
					"Invalid or missing accesstoken or instanceurl");
		}
		String tenant = headers.get(TENANT_ID);
		if (tenant == null || !tenant.trim().equals(TokenStore.ORG_ID)) {
			return PubSubErrors.error(Status.Code.UNAUTHENTICATED, PubSubErrors.AUTH,
					"The tenantid does not name the org of the accesstoken (expected its 18-character org id)");
		}
		return null;
	}

}
