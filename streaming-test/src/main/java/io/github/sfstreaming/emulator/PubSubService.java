package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.util.UUID;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.github.sfstreaming.emulator.pubsub.Error;
import io.github.sfstreaming.emulator.pubsub.ErrorCode;
import io.github.sfstreaming.emulator.pubsub.FetchRequest;
import io.github.sfstreaming.emulator.pubsub.FetchResponse;
import io.github.sfstreaming.emulator.pubsub.ProducerEvent;
import io.github.sfstreaming.emulator.pubsub.PubSubGrpc;
import io.github.sfstreaming.emulator.pubsub.PublishRequest;
import io.github.sfstreaming.emulator.pubsub.PublishResponse;
import io.github.sfstreaming.emulator.pubsub.PublishResult;
import io.github.sfstreaming.emulator.pubsub.SchemaInfo;
import io.github.sfstreaming.emulator.pubsub.SchemaRequest;
import io.github.sfstreaming.emulator.pubsub.TopicInfo;
import io.github.sfstreaming.emulator.pubsub.TopicRequest;
import org.apache.avro.Schema;

/**
 * The emulator's {@code eventbus.v1.PubSub} service: {@code GetTopic}, {@code GetSchema}, {@code Subscribe} and
 * {@code Publish} over the same channels as the Bayeux side.
 */
final class PubSubService extends PubSubGrpc.PubSubImplBase {

	private final PubSubServer server;

	PubSubService(PubSubServer server) {
		this.server = server;
	}

	@Override
	public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
		ServerCallStreamObserver<FetchResponse> out = (ServerCallStreamObserver<FetchResponse>) responses;
		PubSubFaults.SubscribeFailure failure = this.server.faults().takeSubscribeFailure();
		if (failure != null) {
			out.onError(PubSubErrors.error(failure.code(), failure.errorCode(), "Subscribe failed (emulator fault)"));
			return new StreamObserver<>() {

				@Override
				public void onNext(FetchRequest value) {
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
				}

			};
		}
		return new PubSubStream(out, this.server, this.server.clock());
	}

	@Override
	public void getTopic(TopicRequest request, StreamObserver<TopicInfo> responses) {
		try {
			ChannelLog log = this.server.subscribableTopic(request.getTopicName());
			Schema schema = this.server.currentSchema(log);
			responses.onNext(TopicInfo.newBuilder()
				.setTopicName(log.channel())
				.setTenantGuid(TokenStore.ORG_ID)
				.setCanPublish(log.kind() == ChannelKind.PLATFORM_EVENT && this.server.mayPublish(log.channel()))
				.setCanSubscribe(true)
				.setSchemaId(this.server.schemas().register(schema))
				.setRpcId(UUID.randomUUID().toString())
				.build());
			responses.onCompleted();
		}
		catch (StatusRuntimeException ex) {
			responses.onError(ex);
		}
	}

	@Override
	public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> responses) {
		Schema schema = this.server.schemas().find(request.getSchemaId());
		if (schema == null) {
			responses.onError(PubSubErrors.error(Status.Code.NOT_FOUND, PubSubErrors.INVALID_REQUEST,
					"No schema with id " + request.getSchemaId()));
			return;
		}
		responses.onNext(SchemaInfo.newBuilder()
			.setSchemaId(request.getSchemaId())
			.setSchemaJson(schema.toString())
			.setRpcId(UUID.randomUUID().toString())
			.build());
		responses.onCompleted();
	}

	@Override
	public void publish(PublishRequest request, StreamObserver<PublishResponse> responses) {
		try {
			ChannelLog log = this.server.subscribableTopic(request.getTopicName());
			if (log.kind() != ChannelKind.PLATFORM_EVENT) {
				throw PubSubErrors.error(Status.Code.INVALID_ARGUMENT, PubSubErrors.INVALID_REQUEST,
						"Only platform events can be published: " + log.channel());
			}
			if (!this.server.mayPublish(log.channel())) {
				throw Status.PERMISSION_DENIED
					.withDescription("The user may not publish " + log.channel() + " (no create permission)")
					.asRuntimeException();
			}
			// Salesforce names the topic's current schema, so a publisher can tell its own is out of date.
			String currentSchemaId = this.server.schemas().register(this.server.currentSchema(log));
			PublishResponse.Builder response = PublishResponse.newBuilder()
				.setSchemaId(currentSchemaId)
				.setRpcId(UUID.randomUUID().toString());
			boolean carriesOld = request.getEventsList()
				.stream()
				.anyMatch((event) -> !event.getSchemaId().equals(currentSchemaId));
			boolean refuseOld = carriesOld && this.server.faults().takeOldSchemaRefusal();
			int published = 0;
			for (ProducerEvent event : request.getEventsList()) {
				PublishResult result = publishOne(log.channel(), event, currentSchemaId, refuseOld);
				published += result.hasError() ? 0 : 1;
				response.addResults(result);
			}
			this.server.recordPublish(published);
			responses.onNext(response.build());
			responses.onCompleted();
		}
		catch (StatusRuntimeException ex) {
			responses.onError(ex);
		}
	}

	private PublishResult publishOne(String topic, ProducerEvent event, String currentSchemaId, boolean refuseOld) {
		// The event's id is its EventUuid, as at Salesforce; a publisher that sends none gets one.
		String eventUuid = event.getId().isEmpty() ? UUID.randomUUID().toString() : event.getId();
		PublishResult.Builder result = PublishResult.newBuilder().setCorrelationKey(eventUuid);
		Schema schema = this.server.schemas().find(event.getSchemaId());
		if (schema == null) {
			return result.setError(error("Unknown schema_id " + event.getSchemaId() + ": call GetTopic")).build();
		}
		if (refuseOld && !event.getSchemaId().equals(currentSchemaId)) {
			return result.setError(error("The event was written with schema " + event.getSchemaId()
					+ ", which the topic no longer takes; its schema is " + currentSchemaId + " (emulator fault)"))
				.build();
		}
		if (this.server.faults().takePublishError()) {
			return result.setError(error("The event could not be published (emulator fault)")).build();
		}
		try {
			String json = Json.write(PubSubSchemas.readPlatformEvent(schema, event.getPayload().toByteArray()));
			long replayId = this.server.publish(topic, json, eventUuid);
			return result.setReplayId(PubSubReplayIds.encode(topic, replayId)).build();
		}
		catch (IOException | RuntimeException ex) {
			return result.setReplayId(ByteString.EMPTY)
				.setError(error("The payload does not match schema " + event.getSchemaId() + ": " + ex.getMessage()))
				.build();
		}
	}

	private static Error error(String message) {
		return Error.newBuilder().setCode(ErrorCode.PUBLISH).setMsg(message).build();
	}

}
