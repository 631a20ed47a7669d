package io.github.sfstreaming.pubsub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import com.google.protobuf.ByteString;
import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.pubsub.proto.ConsumerEvent;
import io.github.sfstreaming.pubsub.proto.FetchRequest;
import io.github.sfstreaming.pubsub.proto.FetchResponse;
import io.github.sfstreaming.pubsub.proto.ProducerEvent;
import io.github.sfstreaming.pubsub.proto.PubSubGrpc;
import io.github.sfstreaming.pubsub.proto.ReplayPreset;
import io.github.sfstreaming.pubsub.proto.SchemaInfo;
import io.github.sfstreaming.pubsub.proto.SchemaRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server behaviour the emulator does not produce, from a canned in-process server.
 */
class HostileServerTests {

	private static final Schema SCHEMA = new Schema.Parser().parse("""
			{"type":"record","name":"Order__e","fields":[{"name":"Seq__c","type":"long"}]}""");

	private Server server;

	private ManagedChannel channel;

	private PubSubSubscriber subscriber;

	@AfterEach
	void stop() {
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	@Test
	void aServerSendingMoreThanTheCreditNeitherOverflowsTheBufferNorLosesEvents() throws IOException {
		String name = "hostile-" + UUID.randomUUID();
		this.server = InProcessServerBuilder.forName(name).addService(new OverSending()).build().start();
		this.channel = InProcessChannelBuilder.forName(name).build();
		TestSink sink = new TestSink(2, PubSubStart.earliest());
		this.subscriber = new PubSubSubscriber("/event/Order__e", this.channel,
				new StaticTokenProvider("token", URI.create("https://example.my.salesforce.com")),
				"00D000000000001AAA", sink, PubSubSubscriberSettings.defaults()
					.withBackOff(Duration.ofMillis(20), Duration.ofMillis(100)));
		sink.subscriber = this.subscriber;
		this.subscriber.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			sink.handleAll();
			return sink.handled.stream().map(this::seq).distinct().count() >= 6;
		});
		assertThat(sink.overflow).isFalse();
		assertThat(sink.handled.stream().map(this::seq).distinct().limit(6).toList())
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
	}

	private long seq(PubSubEvent event) {
		return ((PlatformEvent) event.event()).payload().path("Seq__c").asLong();
	}

	/** Answers every subscription with five events, whatever the credit; replay id = the sequence byte. */
	private static final class OverSending extends PubSubGrpc.PubSubImplBase {

		@Override
		public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> responses) {
			responses.onNext(SchemaInfo.newBuilder().setSchemaId("s1").setSchemaJson(SCHEMA.toString()).build());
			responses.onCompleted();
		}

		@Override
		public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
			return new StreamObserver<>() {

				private boolean first = true;

				@Override
				public void onNext(FetchRequest request) {
					if (!this.first) {
						return;
					}
					this.first = false;
					long after = (request.getReplayPreset() == ReplayPreset.CUSTOM)
							? request.getReplayId().byteAt(0) : 0;
					FetchResponse.Builder response = FetchResponse.newBuilder();
					for (long seq = after + 1; seq <= after + 5; seq++) {
						response.addEvents(ConsumerEvent.newBuilder()
							.setEvent(ProducerEvent.newBuilder().setId("e" + seq).setSchemaId("s1")
								.setPayload(ByteString.copyFrom(encode(seq))))
							.setReplayId(ByteString.copyFrom(new byte[] { (byte) seq })));
					}
					responses.onNext(response.build());
				}

				@Override
				public void onError(Throwable error) {
				}

				@Override
				public void onCompleted() {
					responses.onCompleted();
				}

			};
		}

		private static byte[] encode(long seq) {
			try {
				GenericRecord record = new GenericData.Record(SCHEMA);
				record.put("Seq__c", seq);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
				new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
				encoder.flush();
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
