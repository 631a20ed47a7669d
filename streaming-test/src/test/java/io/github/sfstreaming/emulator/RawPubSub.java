package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.github.sfstreaming.emulator.pubsub.FetchRequest;
import io.github.sfstreaming.emulator.pubsub.FetchResponse;
import io.github.sfstreaming.emulator.pubsub.PubSubGrpc;
import io.github.sfstreaming.emulator.pubsub.ReplayPreset;
import io.github.sfstreaming.emulator.pubsub.SchemaRequest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * A bare gRPC client of the emulator's Pub/Sub API for tests: stubs with the auth metadata and a recorder of one
 * {@code Subscribe} stream.
 */
final class RawPubSub implements AutoCloseable {

	final ManagedChannel channel;

	final PubSubGrpc.PubSubBlockingStub blocking;

	final PubSubGrpc.PubSubStub async;

	RawPubSub(ManagedChannel channel, String token) {
		this(channel, token, TokenStore.ORG_ID);
	}

	/** With {@code tenantid} as given, or none when {@code null}. */
	RawPubSub(ManagedChannel channel, String token, String tenantId) {
		this.channel = channel;
		Metadata metadata = new Metadata();
		metadata.put(PubSubAuth.ACCESS_TOKEN, token);
		metadata.put(PubSubAuth.INSTANCE_URL, "http://127.0.0.1");
		if (tenantId != null) {
			metadata.put(PubSubAuth.TENANT_ID, tenantId);
		}
		this.blocking = PubSubGrpc.newBlockingStub(channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
		this.async = PubSubGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
	}

	static RawPubSub inProcess(SalesforceStreamingEmulator emulator, String token) {
		return new RawPubSub(InProcessChannelBuilder.forName(emulator.pubSubInProcessName()).build(), token);
	}

	static RawPubSub inProcess(SalesforceStreamingEmulator emulator, String token, String tenantId) {
		return new RawPubSub(InProcessChannelBuilder.forName(emulator.pubSubInProcessName()).build(), token,
				tenantId);
	}

	Stream subscribe(String topic, ReplayPreset preset, ByteString replayId, int numRequested) {
		Stream stream = new Stream();
		stream.requests = this.async.subscribe(stream);
		stream.requests.onNext(FetchRequest.newBuilder()
			.setTopicName(topic)
			.setReplayPreset(preset)
			.setReplayId(replayId)
			.setNumRequested(numRequested)
			.build());
		return stream;
	}

	GenericRecord decode(io.github.sfstreaming.emulator.pubsub.ConsumerEvent event) throws IOException {
		String json = this.blocking.getSchema(SchemaRequest.newBuilder().setSchemaId(event.getEvent().getSchemaId())
			.build()).getSchemaJson();
		Schema schema = new Schema.Parser().parse(json);
		return new GenericDatumReader<GenericRecord>(schema).read(null,
				DecoderFactory.get().binaryDecoder(event.getEvent().getPayload().toByteArray(), null));
	}

	@Override
	public void close() throws InterruptedException {
		this.channel.shutdownNow();
		this.channel.awaitTermination(5, TimeUnit.SECONDS);
	}

	/** The responses and the end of one stream. */
	static final class Stream implements StreamObserver<FetchResponse> {

		final List<FetchResponse> responses = new CopyOnWriteArrayList<>();

		final AtomicReference<Status> end = new AtomicReference<>();

		final AtomicReference<Metadata> trailers = new AtomicReference<>(new Metadata());

		StreamObserver<FetchRequest> requests;

		@Override
		public void onNext(FetchResponse value) {
			this.responses.add(value);
		}

		@Override
		public void onError(Throwable error) {
			Metadata trailers = Status.trailersFromThrowable(error);
			if (trailers != null) {
				this.trailers.set(trailers);
			}
			this.end.set(Status.fromThrowable(error));
		}

		@Override
		public void onCompleted() {
			this.end.set(Status.OK);
		}

		void request(int numRequested) {
			synchronized (this) {
				this.requests.onNext(FetchRequest.newBuilder().setNumRequested(numRequested).build());
			}
		}

		List<io.github.sfstreaming.emulator.pubsub.ConsumerEvent> events() {
			List<io.github.sfstreaming.emulator.pubsub.ConsumerEvent> events = new ArrayList<>();
			this.responses.forEach((response) -> events.addAll(response.getEventsList()));
			return events;
		}

		List<FetchResponse> keepAlives() {
			return this.responses.stream().filter((response) -> response.getEventsCount() == 0).toList();
		}

		String errorCode() {
			return this.trailers.get().get(PubSubErrors.ERROR_CODE);
		}

	}

}
