package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.github.sfstreaming.emulator.pubsub.ConsumerEvent;
import io.github.sfstreaming.emulator.pubsub.FetchResponse;
import io.github.sfstreaming.emulator.pubsub.ProducerEvent;
import io.github.sfstreaming.emulator.pubsub.PublishRequest;
import io.github.sfstreaming.emulator.pubsub.PublishResponse;
import io.github.sfstreaming.emulator.pubsub.ReplayPreset;
import io.github.sfstreaming.emulator.pubsub.TopicInfo;
import io.github.sfstreaming.emulator.pubsub.TopicRequest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class PubSubApiTests {

	private static final String ORDER = "/event/Order__e";

	private static final String ACCOUNT = "/data/AccountChangeEvent";

	private SalesforceStreamingEmulator emulator;

	private RawPubSub pubSub;

	@BeforeEach
	void start() {
		this.emulator = SalesforceStreamingEmulator.builder()
			.channels(ORDER, ACCOUNT, "/topic/Invoices")
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(300))
			.pubSubZeroCreditTimeout(Duration.ofMillis(500))
			.build()
			.start();
		this.pubSub = RawPubSub.inProcess(this.emulator, TestClient.login(this.emulator.baseUrl()));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.pubSub.close();
		this.emulator.close();
	}

	@Test
	void latestDeliversNewEventsInOrderWithTheirOwnSchemaAndOpaqueReplayIds() throws Exception {
		this.emulator.publish(ORDER, "{\"Seq__c\":0}");
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 10);
		awaitKeepAlive(stream);
		for (int i = 1; i <= 3; i++) {
			this.emulator.publish(ORDER, "{\"Seq__c\":" + i + ",\"Note__c\":\"n" + i + "\"}");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 3);
		List<ConsumerEvent> events = stream.events();
		for (int i = 0; i < 3; i++) {
			GenericRecord record = this.pubSub.decode(events.get(i));
			assertThat(record.get("Seq__c")).isEqualTo((long) (i + 1));
			assertThat(record.get("Note__c")).hasToString("n" + (i + 1));
			assertThat(record.get("CreatedDate")).isInstanceOf(Long.class);
			assertThat(events.get(i).getReplayId().size()).isEqualTo(13);
			assertThat(events.get(i).getEvent().getId()).isNotEmpty();
		}
		assertThat(stream.end.get()).isNull();
	}

	@Test
	void sendsNoMoreThanTheCreditAndReportsWhatItStillOwes() {
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 2);
		awaitKeepAlive(stream);
		this.emulator.publish(ORDER, 5, "{\"A__c\":1}");
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 2);
		FetchResponse last = stream.responses.get(stream.responses.size() - 1);
		assertThat(last.getPendingNumRequested()).isZero();
		stream.request(10);
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 5);
		FetchResponse after = stream.responses.stream().filter((r) -> r.getEventsCount() > 0)
			.reduce((a, b) -> b).orElseThrow();
		assertThat(after.getPendingNumRequested()).isEqualTo(7);
		PubSubStats stats = this.emulator.pubSubStats();
		assertThat(stats.maxPending()).isEqualTo(10);
		assertThat(stats.eventsSent()).isEqualTo(5);
		assertThat(stats.subscribes()).isEqualTo(1);
		assertThat(stats.streams()).containsExactly(new PubSubStats.StreamStats(ORDER, 7));
		stream.request(500);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.emulator.pubSubStats().maxPending() == 100);
		this.emulator.reset();
		assertThat(this.emulator.pubSubStats().subscribes()).isZero();
	}

	@Test
	void earliestReplaysTheRetainedEventsAndCustomResumesAfterAnId() {
		this.emulator.publish(ORDER, 4, "{\"A__c\":1}");
		RawPubSub.Stream all = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 100);
		await().atMost(Duration.ofSeconds(20)).until(() -> all.events().size() == 4);
		ByteString second = all.events().get(1).getReplayId();
		RawPubSub.Stream resumed = this.pubSub.subscribe(ORDER, ReplayPreset.CUSTOM, second, 100);
		await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events().size() == 2);
		assertThat(resumed.events().get(0).getReplayId()).isEqualTo(all.events().get(2).getReplayId());
		assertThat(resumed.events().get(1).getReplayId()).isEqualTo(all.events().get(3).getReplayId());
	}

	@Test
	void aChangedReplayIdIsCorruptedAndADroppedOneFailsValidation() {
		this.emulator.publish(ORDER, 3, "{\"A__c\":1}");
		RawPubSub.Stream all = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 100);
		await().atMost(Duration.ofSeconds(20)).until(() -> all.events().size() == 3);
		byte[] bytes = all.events().get(0).getReplayId().toByteArray();
		bytes[5] ^= 0x01;
		RawPubSub.Stream corrupted = this.pubSub.subscribe(ORDER, ReplayPreset.CUSTOM, ByteString.copyFrom(bytes), 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> corrupted.end.get() != null);
		assertThat(corrupted.end.get().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(corrupted.errorCode()).isEqualTo(PubSubErrors.REPLAY_ID_CORRUPTED);

		this.emulator.faults().trimRetention(1);
		RawPubSub.Stream dropped = this.pubSub.subscribe(ORDER, ReplayPreset.CUSTOM,
				all.events().get(0).getReplayId(), 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> dropped.end.get() != null);
		assertThat(dropped.errorCode()).isEqualTo(PubSubErrors.REPLAY_ID_INVALID);

		this.emulator.pubSubFaults().corruptedReplayId(1);
		RawPubSub.Stream forced = this.pubSub.subscribe(ORDER, ReplayPreset.CUSTOM, all.events().get(2).getReplayId(),
				1);
		await().atMost(Duration.ofSeconds(20)).until(() -> forced.end.get() != null);
		assertThat(forced.errorCode()).isEqualTo(PubSubErrors.REPLAY_ID_CORRUPTED);
	}

	@Test
	void refusesBadTokensSharesExpiryWithBayeuxAndAppliesTheAuthFault() throws InterruptedException {
		try (RawPubSub stranger = RawPubSub.inProcess(this.emulator, "00D000000000001!forged")) {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> stranger.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()))
				.satisfies((ex) -> {
					assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
					assertThat(ex.getTrailers().get(PubSubErrors.ERROR_CODE)).isEqualTo(PubSubErrors.AUTH);
				});
		}
		this.emulator.pubSubFaults().authError(1);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()));
		assertThat(this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()).getCanPublish())
			.isTrue();
		this.emulator.faults().expireTokens();
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
	}

	@Test
	void tenantIdMustNameTheOrgOfTheIdentityUrl() throws InterruptedException {
		TestClient.Response login = TestClient.token(this.emulator.baseUrl(), Map.of("grant_type",
				"client_credentials", "client_id", "test-client-id", "client_secret", "test-client-secret"));
		String token = login.body().get("access_token").stringValue();
		// .../id/<orgId>/<userId>
		String[] identityUrl = login.body().get("id").stringValue().split("/");
		try (RawPubSub told = RawPubSub.inProcess(this.emulator, token, identityUrl[identityUrl.length - 2])) {
			assertThat(told.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()).getCanPublish())
				.isTrue();
		}
		for (String wrongTenant : Arrays.asList(null, "", "00D000000000002AAA")) {
			try (RawPubSub wrong = RawPubSub.inProcess(this.emulator, token, wrongTenant)) {
				assertThatExceptionOfType(StatusRuntimeException.class)
					.isThrownBy(() -> wrong.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()))
					.satisfies((ex) -> {
						assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
						assertThat(ex.getTrailers().get(PubSubErrors.ERROR_CODE)).isEqualTo(PubSubErrors.AUTH);
						assertThat(ex.getStatus().getDescription()).contains("tenantid");
					});
			}
		}
	}

	@Test
	void unavailableAndFailedSubscribesEndTheNextCallsWithTheirStatusAndErrorCode() {
		this.emulator.pubSubFaults().unavailable(1);
		RawPubSub.Stream unavailable = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> unavailable.end.get() != null);
		assertThat(unavailable.end.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(unavailable.errorCode()).isEqualTo(PubSubErrors.UNAVAILABLE);

		String limit = "sfdc.platform.eventbus.grpc.subscription.limit.exceeded";
		this.emulator.pubSubFaults().failSubscribes(Status.Code.RESOURCE_EXHAUSTED, limit, 2);
		for (int i = 0; i < 2; i++) {
			RawPubSub.Stream refused = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
			await().atMost(Duration.ofSeconds(20)).until(() -> refused.end.get() != null);
			assertThat(refused.end.get().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
			assertThat(refused.errorCode()).isEqualTo(limit);
		}
		// Other calls are not affected, and the third subscription is taken.
		assertThat(this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build())
			.getCanSubscribe()).isTrue();
		RawPubSub.Stream taken = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
		awaitKeepAlive(taken);
		assertThat(taken.end.get()).isNull();
	}

	@Test
	void pushTopicsAndUnknownTopicsAreNotFound() {
		for (String topic : List.of("/topic/Invoices", "/event/Missing__e")) {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(topic).build()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
		}
	}

	@Test
	void keepAlivesCarryTheLatestReplayIdOnlyWhileCreditIsOutstanding() {
		this.emulator.publish(ORDER, "{\"A__c\":1}");
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 5);
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.keepAlives().size() >= 2);
		FetchResponse keepAlive = stream.keepAlives().get(0);
		assertThat(keepAlive.getLatestReplayId()).isEqualTo(stream.events().get(0).getReplayId());
		assertThat(keepAlive.getPendingNumRequested()).isEqualTo(4);
	}

	@Test
	void theKeepAliveIntervalIsTheConfiguredOne() throws InterruptedException {
		try (SalesforceStreamingEmulator slow = SalesforceStreamingEmulator.builder()
			.channels(ORDER)
			.pubSub(true)
			.pubSubKeepAlive(Duration.ofMillis(1500))
			.build()
			.start(); RawPubSub client = RawPubSub.inProcess(slow, TestClient.login(slow.baseUrl()))) {
			RawPubSub.Stream stream = client.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
			// Nothing for most of the interval, then a keep-alive.
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
				.until(() -> stream.responses.isEmpty());
			await().atMost(Duration.ofSeconds(20)).until(() -> !stream.keepAlives().isEmpty());
		}
	}

	@Test
	void closesAStreamLeftAtZeroCredit() {
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
		awaitKeepAlive(stream);
		this.emulator.publish(ORDER, "{\"A__c\":1}");
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.end.get() != null);
		assertThat(stream.events()).hasSize(1);
		assertThat(stream.end.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
	}

	@Test
	void aStalledStreamSendsNothingAndABrokenOneEnds() {
		RawPubSub.Stream stalled = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 10);
		awaitKeepAlive(stalled);
		this.emulator.pubSubFaults().stallStreams();
		int seen = stalled.responses.size();
		this.emulator.publish(ORDER, "{\"A__c\":1}");
		RawPubSub.Stream fresh = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> fresh.keepAlives().size() >= 2);
		assertThat(stalled.responses).hasSize(seen);
		this.emulator.pubSubFaults().breakStreams();
		await().atMost(Duration.ofSeconds(20)).until(() -> fresh.end.get() != null);
		assertThat(fresh.end.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
	}

	@Test
	void aSchemaChangeMidStreamGivesLaterEventsAnotherSchema() throws Exception {
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 10);
		awaitKeepAlive(stream);
		this.emulator.publish(ORDER, "{\"A__c\":\"a\",\"B__c\":2}");
		this.emulator.pubSubFaults().schemaChange(ORDER);
		this.emulator.publish(ORDER, "{\"A__c\":\"a\",\"B__c\":2}");
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 2);
		ConsumerEvent before = stream.events().get(0);
		ConsumerEvent after = stream.events().get(1);
		assertThat(after.getEvent().getSchemaId()).isNotEqualTo(before.getEvent().getSchemaId());
		assertThat(after.getEvent().getPayload()).isNotEqualTo(before.getEvent().getPayload());
		for (ConsumerEvent event : List.of(before, after)) {
			GenericRecord record = this.pubSub.decode(event);
			assertThat(record.get("A__c")).hasToString("a");
			assertThat(record.get("B__c")).isEqualTo(2L);
		}
	}

	@Test
	void changeEventsCarryEveryFieldAndTheirFieldListsAsBitmaps() throws Exception {
		RawPubSub.Stream stream = this.pubSub.subscribe(ACCOUNT, ReplayPreset.LATEST, ByteString.EMPTY, 10);
		awaitKeepAlive(stream);
		this.emulator.publish(ACCOUNT, """
				{"Name":{"FirstName":"Ada","LastName":"Lovelace"},"Phone":"123","Fax":null,
				 "ChangeEventHeader":{"changeType":"UPDATE",
				   "changedFields":["Name.LastName","Phone"],"nulledFields":["Fax"]}}""");
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 1);
		GenericRecord record = this.pubSub.decode(stream.events().get(0));
		GenericRecord header = (GenericRecord) record.get("ChangeEventHeader");
		assertThat(header.get("changeType")).hasToString("UPDATE");
		// Positions: 0 header, 1 Name, 2 Phone, 3 Fax; Name's parts: 0 FirstName, 1 LastName.
		assertThat(header.get("changedFields")).hasToString("[0x04, 1-0x02]");
		assertThat(header.get("nulledFields")).hasToString("[0x08]");
		assertThat(((GenericRecord) record.get("Name")).get("LastName")).hasToString("Lovelace");
	}

	@Test
	void publishedEventsReachBothSidesWithTheirReplayIds() throws Exception {
		TopicInfo topic = this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build());
		Schema schema = new Schema.Parser().parse(this.pubSub.blocking
			.getSchema(io.github.sfstreaming.emulator.pubsub.SchemaRequest.newBuilder()
				.setSchemaId(topic.getSchemaId()).build())
			.getSchemaJson());
		GenericRecord record = new GenericData.Record(schema);
		record.put("CreatedDate", 1_700_000_000_000L);
		record.put("CreatedById", "005000000000002AAA");
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
		encoder.flush();
		PublishResponse response = this.pubSub.blocking.publish(PublishRequest.newBuilder()
			.setTopicName(ORDER)
			.addEvents(ProducerEvent.newBuilder().setId("corr-1").setSchemaId(topic.getSchemaId())
				.setPayload(ByteString.copyFrom(out.toByteArray())))
			.build());
		assertThat(response.getResults(0).hasError()).isFalse();
		assertThat(response.getResults(0).getCorrelationKey()).isEqualTo("corr-1");
		assertThat(this.emulator.stats().channels().get(ORDER).publishedCount()).isEqualTo(1);
		RawPubSub.Stream stream = this.pubSub.subscribe(ORDER, ReplayPreset.EARLIEST, ByteString.EMPTY, 10);
		await().atMost(Duration.ofSeconds(20)).until(() -> stream.events().size() == 1);
		assertThat(stream.events().get(0).getReplayId()).isEqualTo(response.getResults(0).getReplayId());
		assertThat(this.pubSub.decode(stream.events().get(0)).get("CreatedById")).hasToString("005000000000002AAA");
	}

	@Test
	void servesTheSameApiOnItsPort() throws InterruptedException {
		ManagedChannel channel = ManagedChannelBuilder.forTarget(this.emulator.pubSubTarget()).usePlaintext().build();
		try (RawPubSub network = new RawPubSub(channel, TestClient.login(this.emulator.baseUrl()))) {
			assertThat(network.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ACCOUNT).build())
				.getCanSubscribe()).isTrue();
		}
	}

	@Test
	void theCommandLineServesItOnAPortAndPrintsASecondLine() throws InterruptedException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		EmulatorMain.Launched launched = EmulatorMain.launch(new String[] { "--pubsub-port", "0", "--channels",
				ORDER, "--pubsub-keep-alive-ms", "100", "--pubsub-zero-credit-timeout-ms", "1000" },
				new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
		try (SalesforceStreamingEmulator standalone = launched.emulator()) {
			assertThat(out.toString()).isEqualTo("Salesforce Streaming emulator listening on " + standalone.baseUrl()
					+ System.lineSeparator() + "Salesforce Pub/Sub API listening on " + standalone.pubSubTarget()
					+ System.lineSeparator());
			ManagedChannel channel = ManagedChannelBuilder.forTarget(standalone.pubSubTarget()).usePlaintext().build();
			try (RawPubSub network = new RawPubSub(channel, TestClient.login(standalone.baseUrl()))) {
				RawPubSub.Stream stream = network.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
				awaitKeepAlive(stream);
			}
		}
	}

	@Test
	void theControlApiArmsPubSubFaultsAndReportsItsStats() {
		String base = this.emulator.baseUrl() + "/emulator/";
		assertThat(TestClient.post(java.net.URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-unavailable\",\"count\":1}").status()).isEqualTo(200);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> this.pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName(ORDER).build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		for (String fault : List.of("{\"kind\":\"pubsub-auth-error\"}", "{\"kind\":\"pubsub-break-streams\"}",
				"{\"kind\":\"pubsub-stall-streams\"}", "{\"kind\":\"pubsub-corrupted-replay-id\",\"count\":2}",
				"{\"kind\":\"pubsub-schema-change\",\"topic\":\"/event/Order__e\"}",
				"{\"kind\":\"pubsub-refuse-old-schemas\"}", "{\"kind\":\"pubsub-publish-errors\",\"count\":3}",
				"{\"kind\":\"pubsub-clear\"}")) {
			assertThat(TestClient.post(java.net.URI.create(base + "faults"), "application/json", fault).status())
				.as(fault).isEqualTo(200);
		}
		assertThat(TestClient.post(java.net.URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-bogus\"}").status()).isEqualTo(400);
		assertThat(TestClient.post(java.net.URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-fail-subscribes\",\"code\":\"RESOURCE_EXHAUSTED\","
						+ "\"errorCode\":\"sfdc.platform.eventbus.grpc.subscription.limit.exceeded\"}").status())
			.isEqualTo(200);
		RawPubSub.Stream refused = this.pubSub.subscribe(ORDER, ReplayPreset.LATEST, ByteString.EMPTY, 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> refused.end.get() != null);
		assertThat(refused.end.get().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(TestClient.post(java.net.URI.create(base + "faults"), "application/json",
				"{\"kind\":\"pubsub-fail-subscribes\",\"code\":\"NOPE\",\"errorCode\":\"x\"}").status())
			.isEqualTo(400);
		assertThat(TestClient.get(java.net.URI.create(base + "pubsub-stats")).body().has("maxPending")).isTrue();
	}

	private static void awaitKeepAlive(RawPubSub.Stream stream) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !stream.keepAlives().isEmpty());
	}

}
