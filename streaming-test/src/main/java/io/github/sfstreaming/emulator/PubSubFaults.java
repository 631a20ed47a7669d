package io.github.sfstreaming.emulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * Injects the failures a Pub/Sub API client must survive. Obtain it from
 * {@link SalesforceStreamingEmulator#pubSubFaults()}; {@link SalesforceStreamingEmulator#reset()} disarms every
 * fault. {@link EmulatorFaults#expireTokens()} also applies here: the Pub/Sub API shares the emulator's tokens.
 */
public final class PubSubFaults {

	private final PubSubServer server;

	private final AtomicInteger unavailable = new AtomicInteger();

	private final AtomicInteger authErrors = new AtomicInteger();

	private final AtomicInteger corruptedReplayIds = new AtomicInteger();

	private final AtomicInteger oldSchemaRefusals = new AtomicInteger();

	private final AtomicInteger publishErrors = new AtomicInteger();

	private final AtomicReference<@Nullable SubscribeFailure> subscribeFailure = new AtomicReference<>();

	PubSubFaults(PubSubServer server) {
		this.server = server;
	}

	/**
	 * Fails the next calls (any method) with {@code UNAVAILABLE} and the trailer {@code error-code}
	 * {@code sfdc.platform.eventbus.grpc.service.unavailable}: a transient failure.
	 * @param count how many calls fail
	 */
	public void unavailable(int count) {
		this.unavailable.set(positive(count));
	}

	/**
	 * Fails the next calls (any method) with {@code UNAUTHENTICATED} and {@code error-code}
	 * {@code sfdc.platform.eventbus.grpc.service.auth.error}, however valid their token.
	 * @param count how many calls fail
	 */
	public void authError(int count) {
		this.authErrors.set(positive(count));
	}

	/**
	 * Answers the next {@code Subscribe} calls that start from a {@code CUSTOM} replay id with
	 * {@code INVALID_ARGUMENT} and {@code error-code}
	 * {@code sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted}, however valid the id.
	 * @param count how many subscriptions fail
	 */
	public void corruptedReplayId(int count) {
		this.corruptedReplayIds.set(positive(count));
	}

	/**
	 * Fails the next {@code Subscribe} calls with any status and {@code error-code}, e.g.
	 * {@code RESOURCE_EXHAUSTED} with {@code sfdc.platform.eventbus.grpc.subscription.limit.exceeded}.
	 * @param code the gRPC status code
	 * @param errorCode the {@code error-code} trailer
	 * @param count how many subscriptions fail
	 */
	public void failSubscribes(Status.Code code, String errorCode, int count) {
		this.subscribeFailure.set(new SubscribeFailure(code, errorCode, new AtomicInteger(positive(count))));
	}

	/**
	 * Closes every open {@code Subscribe} stream with {@code UNAVAILABLE} ({@code RST_STREAM}), as a server
	 * restart or a load balancer does.
	 */
	public void breakStreams() {
		this.server.closeStreams();
	}

	/**
	 * Makes every open {@code Subscribe} stream go silent: no events and no keep-alives, though requests are
	 * accepted, until the client gives up on it. Streams opened later work.
	 */
	public void stallStreams() {
		this.server.stallStreams();
	}

	/**
	 * Changes the schema of the topic's events published from now on, their fields staying the same (the custom
	 * fields are written in another order): an event must be read with its own schema.
	 * @param topic the topic, e.g. {@code /event/Order__e}
	 */
	public void schemaChange(String topic) {
		this.server.changeSchema(topic);
	}

	/**
	 * In the next {@code Publish} calls that carry events written with a schema other than the topic's current
	 * one, refuses each such event: it gets an {@code Error} in its {@code PublishResult}, and the response's
	 * {@code schema_id} names the current schema. Salesforce takes events written with an older schema of the
	 * topic; this is the case of one it no longer takes (say a field was deleted), which a publisher meets by
	 * writing them again with the current schema.
	 * @param count how many such calls refuse them
	 */
	public void refuseOldSchemas(int count) {
		this.oldSchemaRefusals.set(positive(count));
	}

	/**
	 * Refuses the next events of {@code Publish} calls, whatever their schema and payload: each gets an
	 * {@code Error} (code {@code PUBLISH}) in its {@code PublishResult} and is not published, while the others of
	 * the same call are, as when Salesforce fails some events of a batch.
	 * @param count how many events are refused
	 */
	public void publishErrors(int count) {
		this.publishErrors.set(positive(count));
	}

	/** Disarms every armed fault (stalled and closed streams stay so). */
	public void clear() {
		this.unavailable.set(0);
		this.authErrors.set(0);
		this.corruptedReplayIds.set(0);
		this.oldSchemaRefusals.set(0);
		this.publishErrors.set(0);
		this.subscribeFailure.set(null);
	}

	boolean takeUnavailable() {
		return take(this.unavailable);
	}

	boolean takeAuthError() {
		return take(this.authErrors);
	}

	boolean takeCorruptedReplayId() {
		return take(this.corruptedReplayIds);
	}

	boolean takeOldSchemaRefusal() {
		return take(this.oldSchemaRefusals);
	}

	boolean takePublishError() {
		return take(this.publishErrors);
	}

	@Nullable SubscribeFailure takeSubscribeFailure() {
		SubscribeFailure failure = this.subscribeFailure.get();
		return (failure != null && take(failure.remaining())) ? failure : null;
	}

	private static boolean take(AtomicInteger remaining) {
		return remaining.getAndUpdate((count) -> Math.max(0, count - 1)) > 0;
	}

	private static int positive(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		return count;
	}

	record SubscribeFailure(Status.Code code, String errorCode, AtomicInteger remaining) {
	}

}
