package io.github.sfstreaming.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.github.sfstreaming.emulator.pubsub.ConsumerEvent;
import io.github.sfstreaming.emulator.pubsub.ProducerEvent;
import io.github.sfstreaming.emulator.pubsub.PublishRequest;
import io.github.sfstreaming.emulator.pubsub.PublishResponse;
import io.github.sfstreaming.emulator.pubsub.ReplayPreset;
import io.github.sfstreaming.emulator.pubsub.SchemaRequest;
import io.github.sfstreaming.emulator.pubsub.TopicRequest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The emulator's {@code Publish}: event ids as EventUuids, the current schema in every response, declared
 * platform event fields, and the publish faults.
 */
class PubSubPublishTests {

	private static final String ORDER = "/event/Order__e";

	private static final Duration WAIT = Duration.ofSeconds(20);

	private SalesforceStreamingEmulator emulator;

	private RawPubSub pubSub;

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.channels(ORDER)
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(300))
			.build()
			.start();
		this.pubSub = RawPubSub.inProcess(this.emulator, TestClient.login(this.emulator.baseUrl()));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.pubSub.close();
		this.emulator.close();
	}

	private static Map<String, EventFieldType> orderFields() {
		Map<String, EventFieldType> fields = new LinkedHashMap<>();
		fields.put("Number__c", EventFieldType.TEXT);
		fields.put("Amount__c", EventFieldType.NUMBER);
		fields.put("Shipped__c", EventFieldType.CHECKBOX);
		fields.put("ShipBy__c", EventFieldType.DATE_TIME);
		return fields;
	}

	private String topicSchemaId() {
		return this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()).getSchemaId();
	}

	private Schema schema(String schemaId) {
		return new Schema.Parser().parse(this.pubSub.blocking
			.getSchema(SchemaRequest.newBuilder().setSchemaId(schemaId).build())
			.getSchemaJson());
	}

	private static ProducerEvent event(String id, String schemaId, Schema schema, Map<String, Object> fields)
			throws IOException {
		// The builder applies the schema's defaults, as the checkbox's false.
		GenericRecordBuilder builder = new GenericRecordBuilder(schema);
		builder.set("CreatedDate", 1_700_000_000_000L);
		builder.set("CreatedById", "005000000000002AAA");
		fields.forEach(builder::set);
		GenericRecord record = builder.build();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
		encoder.flush();
		return ProducerEvent.newBuilder()
			.setId(id)
			.setSchemaId(schemaId)
			.setPayload(ByteString.copyFrom(out.toByteArray()))
			.build();
	}

	private PublishResponse publish(ProducerEvent... events) {
		return this.pubSub.blocking.publish(PublishRequest.newBuilder()
			.setTopicName(ORDER)
			.addAllEvents(List.of(events))
			.build());
	}

	@Test
	void declaredFieldsMakeTheSchemaAndTheEventIdIsTheEventUuidOnBothSides() throws Exception {
		this.emulator.definePlatformEvent(ORDER, orderFields());
		String schemaId = topicSchemaId();
		Schema schema = schema(schemaId);
		assertThat(schema.getFields()).extracting(Schema.Field::name)
			.containsExactly("CreatedDate", "CreatedById", "Number__c", "Amount__c", "Shipped__c", "ShipBy__c");
		assertThat(schema.getField("Shipped__c").schema().getType()).isEqualTo(Schema.Type.BOOLEAN);

		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 10);
		PublishResponse response = publish(event("uuid-1", schemaId, schema,
				Map.of("Number__c", "A-1", "Amount__c", 12.5, "Shipped__c", true, "ShipBy__c", 1_700_000_100_000L)));
		assertThat(response.getResults(0).hasError()).isFalse();
		assertThat(response.getResults(0).getCorrelationKey()).isEqualTo("uuid-1");
		assertThat(response.getSchemaId()).isEqualTo(schemaId);
		// An event published on the Bayeux side gets the declared schema too, its missing fields null or false.
		this.emulator.publish(ORDER, "{\"Number__c\":\"A-2\",\"Amount__c\":3,\"Other__c\":\"x\"}");

		await().atMost(WAIT).until(() -> stream.events().size() == 2);
		ConsumerEvent published = stream.events().get(0);
		assertThat(published.getEvent().getId()).isEqualTo("uuid-1");
		assertThat(published.getReplayId()).isEqualTo(response.getResults(0).getReplayId());
		GenericRecord first = this.pubSub.decode(published);
		assertThat(first.get("Number__c")).hasToString("A-1");
		assertThat(first.get("Amount__c")).isEqualTo(12.5);
		assertThat(first.get("Shipped__c")).isEqualTo(true);
		assertThat(first.get("ShipBy__c")).isEqualTo(1_700_000_100_000L);
		GenericRecord second = this.pubSub.decode(stream.events().get(1));
		assertThat(stream.events().get(1).getEvent().getSchemaId()).isEqualTo(schemaId);
		assertThat(second.get("Amount__c")).isEqualTo(3.0);
		assertThat(second.get("Shipped__c")).isEqualTo(false);
		assertThat(second.get("ShipBy__c")).isNull();
		assertThat(second.getSchema().getField("Other__c")).isNull();
	}

	@Test
	void definitionsAreForPlatformEventsCustomFieldsOnlyAndSurviveAReset() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.emulator.definePlatformEvent("/data/AccountChangeEvent", orderFields()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.emulator.definePlatformEvent(ORDER, Map.of("Name", EventFieldType.TEXT)));
		this.emulator.definePlatformEvent("/event/Shipment__e", Map.of("Carrier__c", EventFieldType.TEXT));
		this.emulator.reset();
		String schemaId = this.pubSub.blocking
			.getTopic(TopicRequest.newBuilder().setTopicName("/event/Shipment__e").build())
			.getSchemaId();
		assertThat(schema(schemaId).getField("Carrier__c")).isNotNull();
	}

	@Test
	void anOldSchemaIsTakenUnlessTheFaultRefusesItAndTheResponseNamesTheCurrentOne() throws Exception {
		this.emulator.definePlatformEvent(ORDER, orderFields());
		String oldId = topicSchemaId();
		Schema old = schema(oldId);
		this.emulator.pubSubFaults().schemaChange(ORDER);
		String currentId = topicSchemaId();
		assertThat(currentId).isNotEqualTo(oldId);

		PublishResponse taken = publish(event("e-1", oldId, old, Map.of("Number__c", "A-1")));
		assertThat(taken.getResults(0).hasError()).isFalse();
		assertThat(taken.getSchemaId()).isEqualTo(currentId);

		this.emulator.pubSubFaults().refuseOldSchemas(1);
		PublishResponse refused = publish(event("e-2", oldId, old, Map.of("Number__c", "A-2")));
		assertThat(refused.getResults(0).hasError()).isTrue();
		assertThat(refused.getResults(0).getError().getMsg()).contains(currentId);
		assertThat(refused.getSchemaId()).isEqualTo(currentId);
		Schema current = schema(currentId);
		assertThat(publish(event("e-3", currentId, current, Map.of("Number__c", "A-3"))).getResults(0).hasError())
			.isFalse();
		assertThat(this.emulator.stats().channels().get(ORDER).publishedCount()).isEqualTo(2);
	}

	@Test
	void publishErrorsRefuseSomeEventsOfACallAndTheOthersArePublished() throws Exception {
		this.emulator.definePlatformEvent(ORDER, orderFields());
		String schemaId = topicSchemaId();
		Schema schema = schema(schemaId);
		this.emulator.pubSubFaults().publishErrors(1);
		PublishResponse response = publish(event("a", schemaId, schema, Map.of()),
				event("b", schemaId, schema, Map.of()), event("c", schemaId, schema, Map.of()));
		assertThat(response.getResultsList()).extracting((result) -> result.hasError())
			.containsExactly(true, false, false);
		assertThat(response.getResults(0).getCorrelationKey()).isEqualTo("a");
		assertThat(response.getResults(0).getError().getMsg()).contains("emulator fault");
		PubSubStats stats = this.emulator.pubSubStats();
		assertThat(stats.publishes()).isEqualTo(1);
		assertThat(stats.eventsPublished()).isEqualTo(2);
	}

	@Test
	void aCreatePermissionTakenOnTheRestSideIsTakenOnPubSubToo() throws Exception {
		this.emulator.definePlatformEvent(ORDER, orderFields());
		String schemaId = topicSchemaId();
		ProducerEvent event = event("a", schemaId, schema(schemaId), Map.of());
		this.emulator.restApi().denyCreate("Order__e");
		assertThat(this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build())
			.getCanPublish()).isFalse();
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> publish(event))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
		assertThat(this.emulator.stats().channels().get(ORDER).publishedCount()).isZero();
	}

	@Test
	void theControlApiDeclaresFieldsAndArmsThePublishFaults() throws Exception {
		String base = this.emulator.baseUrl() + "/emulator/";
		assertThat(TestClient.post(URI.create(base + "channels"), "application/json",
				"{\"channel\":\"/event/Order__e\",\"fields\":{\"Number__c\":\"text\",\"Amount__c\":\"NUMBER\"}}")
			.status()).isEqualTo(200);
		Schema schema = schema(topicSchemaId());
		assertThat(schema.getFields()).extracting(Schema.Field::name)
			.containsExactly("CreatedDate", "CreatedById", "Number__c", "Amount__c");
		assertThat(TestClient.post(URI.create(base + "channels"), "application/json",
				"{\"channel\":\"/event/Order__e\",\"fields\":{\"Number__c\":\"PICKLIST\"}}").status()).isEqualTo(400);

		assertThat(TestClient.post(URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-publish-errors\",\"count\":1}").status()).isEqualTo(200);
		String schemaId = topicSchemaId();
		assertThat(publish(event("a", schemaId, schema, Map.of())).getResults(0).hasError()).isTrue();
		assertThat(TestClient.post(URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-refuse-old-schemas\",\"count\":2}").status()).isEqualTo(200);
		assertThat(TestClient.get(URI.create(base + "pubsub-stats")).body().path("publishes").asLong()).isEqualTo(1);
	}

}
