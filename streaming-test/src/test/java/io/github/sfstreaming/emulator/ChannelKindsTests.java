package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cometd.bayeux.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * CometD's BayeuxClient, logged in with a password, receives every event of the four channel kinds in Salesforce's
 * JSON shapes, live and replayed.
 */
class ChannelKindsTests extends BayeuxTestSupport {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.build();

	@Test
	void pushTopicEvents() {
		emulator.emulator().createChannel("/topic/InvoiceUpdates");
		TestClient client = subscribed("/topic/InvoiceUpdates", -1L);
		long created = emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\",\"Name\":\"X\"}");
		long updated = emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\",\"Name\":\"Y\",\"_eventType\":\"updated\"}");
		List<Message> events = awaitEvents(client, "/topic/InvoiceUpdates", 2);
		Map<String, Object> first = events.get(0).getDataAsMap();
		assertThat(event(first)).containsEntry("replayId", created).containsEntry("type", "created")
			.containsKey("createdDate");
		assertThat((String) event(first).get("createdDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(map(first.get("sobject"))).isEqualTo(Map.of("Id", "a01", "Name", "X"));
		Map<String, Object> second = events.get(1).getDataAsMap();
		assertThat(event(second)).containsEntry("replayId", updated).containsEntry("type", "updated");
		assertThat(map(second.get("sobject"))).isEqualTo(Map.of("Id", "a01", "Name", "Y"));
	}

	@Test
	void genericEvents() {
		emulator.emulator().createChannel("/u/Notifications");
		TestClient client = subscribed("/u/Notifications", null);
		emulator.publish("/u/Notifications", "\"hello world\"");
		emulator.publish("/u/Notifications", "raw text, not JSON");
		List<Message> events = awaitEvents(client, "/u/Notifications", 2);
		assertThat(events.get(0).getDataAsMap()).containsEntry("payload", "hello world");
		assertThat(event(events.get(0).getDataAsMap())).containsKeys("createdDate", "replayId");
		assertThat(events.get(1).getDataAsMap()).containsEntry("payload", "raw text, not JSON");
	}

	@Test
	void platformEvents() {
		emulator.emulator().createChannel("/event/Order__e");
		TestClient client = subscribed("/event/Order__e", -2L);
		long id = emulator.publish("/event/Order__e", "{\"OrderNumber__c\":\"42\"}");
		emulator.publish("/event/Order__e", "{\"OrderNumber__c\":\"43\",\"CreatedById\":\"005xx\"}");
		List<Message> events = awaitEvents(client, "/event/Order__e", 2);
		Map<String, Object> data = events.get(0).getDataAsMap();
		assertThat((String) data.get("schema")).isNotBlank();
		assertThat(map(data.get("payload"))).containsEntry("OrderNumber__c", "42")
			.containsEntry("CreatedById", "005000000000001AAA")
			.containsKey("CreatedDate");
		assertThat(event(data)).containsEntry("replayId", id).containsKey("EventUuid").doesNotContainKey("createdDate");
		assertThat(map(events.get(1).getDataAsMap().get("payload"))).containsEntry("CreatedById", "005xx");
		assertThat(event(events.get(1).getDataAsMap()).get("EventUuid")).isNotEqualTo(event(data).get("EventUuid"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void changeDataCaptureEvents() {
		emulator.emulator().createChannel("/data/AccountChangeEvent");
		emulator.emulator().createChannel("/data/Invoice__ChangeEvent");
		TestClient client = subscribed("/data/AccountChangeEvent", -1L);
		client.subscribe("/data/Invoice__ChangeEvent", -1L);
		emulator.publish("/data/AccountChangeEvent", "{\"Id\":\"001xx\",\"Name\":\"Acme\"}");
		emulator.publish("/data/AccountChangeEvent",
				"{\"Name\":\"Acme 2\",\"ChangeEventHeader\":{\"changeType\":\"UPDATE\",\"changedFields\":[\"Name\"]}}");
		emulator.publish("/data/Invoice__ChangeEvent", "{}");
		List<Message> events = awaitEvents(client, "/data/AccountChangeEvent", 2);
		Map<String, Object> payload = map(events.get(0).getDataAsMap().get("payload"));
		Map<String, Object> header = map(payload.get("ChangeEventHeader"));
		assertThat(header).containsEntry("entityName", "Account")
			.containsEntry("changeType", "CREATE")
			.containsKeys("commitTimestamp", "transactionKey", "sequenceNumber", "commitUser", "changeOrigin",
					"commitNumber", "isTransactionEnd", "changedFields");
		assertThat(list(header.get("recordIds"))).containsExactly("001xx");
		assertThat(payload).containsEntry("Name", "Acme");
		assertThat(event(events.get(0).getDataAsMap())).containsKey("replayId");
		assertThat(events.get(0).getDataAsMap()).containsKey("schema");
		Map<String, Object> updateHeader = map(map(events.get(1).getDataAsMap().get("payload")).get("ChangeEventHeader"));
		assertThat(updateHeader).containsEntry("changeType", "UPDATE").containsEntry("entityName", "Account");
		assertThat(list(updateHeader.get("changedFields"))).containsExactly("Name");
		List<Message> invoices = awaitEvents(client, "/data/Invoice__ChangeEvent", 1);
		assertThat(map(map(invoices.get(0).getDataAsMap().get("payload")).get("ChangeEventHeader")))
			.containsEntry("entityName", "Invoice__c");
	}

	@Test
	void everyKindReplaysFromMinusTwo() {
		List<String> channels = List.of("/topic/A", "/u/B", "/event/C__e", "/data/ChangeEvents");
		for (String channel : channels) {
			emulator.publish(channel, 5, channel.startsWith("/u/") ? "\"x\"" : "{\"Id\":\"a01\"}");
		}
		TestClient client = client(emulator.emulator());
		client.handshake();
		for (String channel : channels) {
			assertThat(client.subscribe(channel, -2L).isSuccessful()).isTrue();
		}
		for (String channel : channels) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(client.replayIds(channel)).containsExactly(1L, 2L, 3L, 4L, 5L));
		}
	}

	@Test
	void replayIdsIncreasePerChannel() {
		assertThat(emulator.publish("/topic/A", 2, "{}")).containsExactly(1L, 2L);
		assertThat(emulator.publish("/topic/B", 1, "{}")).containsExactly(1L);
		assertThat(emulator.publish("/topic/A", "{}")).isEqualTo(3L);
	}

	@Test
	void invalidChannelsAndPayloadsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.emulator().createChannel("/foo/Bar"));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.publish("/topic/A", "not json"));
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.publish("/event/E__e", "[1]"));
		assertThat(emulator.stats().channel("/topic/A")).isNull();
	}

	private TestClient subscribed(String channel, Long replayId) {
		TestClient client = client(emulator.emulator());
		assertThat(client.handshake().isSuccessful()).isTrue();
		assertThat(client.subscribe(channel, replayId).isSuccessful()).isTrue();
		return client;
	}

	private static List<Message> awaitEvents(TestClient client, String channel, int count) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(client.events(channel)).hasSize(count));
		return client.events(channel);
	}

	private static Map<String, Object> event(Map<String, Object> data) {
		return map(data.get("event"));
	}

	/** CometD's JSON parser gives arrays as Object[] or List. */
	private static List<Object> list(Object value) {
		return (value instanceof Object[] array) ? List.of(array) : List.copyOf((List<?>) value);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
