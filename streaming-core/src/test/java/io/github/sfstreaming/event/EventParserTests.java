package io.github.sfstreaming.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing the four event shapes, whatever the field order.
 */
class EventParserTests {

	private final EventParser parser = new EventParser();

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	@Test
	void pushTopic() {
		StreamingEvent event = this.parser.parse("/topic/InvoiceUpdates", json("""
				{"sobject":{"Id":"a01","Name":"INV"},"event":{"type":"deleted","replayId":13,
				"createdDate":"2026-03-29T16:40:08.208Z"}}"""));
		assertThat(event).isInstanceOfSatisfying(PushTopicEvent.class, (e) -> {
			assertThat(e.replayId()).isEqualTo(13);
			assertThat(e.type()).isEqualTo("deleted");
			assertThat(e.createdDate()).isEqualTo(Instant.parse("2026-03-29T16:40:08.208Z"));
			assertThat(e.sobject().path("Name").asString()).isEqualTo("INV");
			assertThat(e.data().path("event").path("replayId").asLong()).isEqualTo(13);
		});
	}

	@Test
	void pushTopicWithFilterAndSalesforceOffsetDate() {
		StreamingEvent event = this.parser.parse("/topic/X?Status=Open", json("""
				{"event":{"createdDate":"2026-03-29T16:40:08.208+0000","replayId":2,"type":"created"},"sobject":{}}"""));
		assertThat(event.createdDate()).isEqualTo(Instant.parse("2026-03-29T16:40:08.208Z"));
		assertThat(event.channel()).isEqualTo("/topic/X?Status=Open");
	}

	@Test
	void generic() {
		StreamingEvent event = this.parser.parse("/u/Notifications", json("""
				{"event":{"createdDate":"2026-03-29T16:40:08.208Z","replayId":55},"payload":"hello"}"""));
		assertThat(event).isInstanceOfSatisfying(GenericEvent.class, (e) -> {
			assertThat(e.payload()).isEqualTo("hello");
			assertThat(e.replayId()).isEqualTo(55);
		});
	}

	@Test
	void platformEvent() {
		StreamingEvent event = this.parser.parse("/event/Order__e", json("""
				{"schema":"abc","payload":{"CreatedDate":"2026-03-29T16:40:08.208Z","CreatedById":"005",
				"Amount__c":3},"event":{"EventUuid":"uuid-1","replayId":2112}}"""));
		assertThat(event).isInstanceOfSatisfying(PlatformEvent.class, (e) -> {
			assertThat(e.eventUuid()).isEqualTo("uuid-1");
			assertThat(e.schema()).isEqualTo("abc");
			assertThat(e.replayId()).isEqualTo(2112);
			assertThat(e.createdDate()).isEqualTo(Instant.parse("2026-03-29T16:40:08.208Z"));
			assertThat(e.payload().path("Amount__c").asInt()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@EnumSource(ChangeType.class)
	void changeEventOfEveryChangeType(ChangeType type) {
		StreamingEvent event = this.parser.parse("/data/AccountChangeEvent", json("""
				{"schema":"s","payload":{"Name":"Acme","ChangeEventHeader":{"entityName":"Account",
				"recordIds":["001A","001B"],"changeType":"%s","changeOrigin":"com/salesforce/api/soap/64.0",
				"transactionKey":"tk","sequenceNumber":2,"isTransactionEnd":true,"commitTimestamp":1774802408208,
				"commitNumber":99,"commitUser":"005","changedFields":["Name"],"nulledFields":[],"diffFields":[]}},
				"event":{"replayId":6421}}""".formatted(type.name())));
		assertThat(event).isInstanceOfSatisfying(ChangeEvent.class, (e) -> {
			ChangeEventHeader header = e.header();
			assertThat(header.changeType()).isEqualTo(type);
			assertThat(header.changeType().isGap()).isEqualTo(type.name().startsWith("GAP_"));
			assertThat(header.recordIds()).containsExactly("001A", "001B");
			assertThat(header.entityName()).isEqualTo("Account");
			assertThat(header.sequenceNumber()).isEqualTo(2);
			assertThat(header.transactionEnd()).isTrue();
			assertThat(header.commitNumber()).isEqualTo(99);
			assertThat(header.changedFields()).containsExactly("Name");
			assertThat(e.createdDate()).isEqualTo(Instant.ofEpochMilli(1774802408208L));
			assertThat(e.replayId()).isEqualTo(6421);
		});
	}

	@Test
	void shapeThatDoesNotFitItsChannelKindIsKeptAsGenericEvent() {
		StreamingEvent event = this.parser.parse("/data/AccountChangeEvent", json("""
				{"payload":{"ChangeEventHeader":{"changeType":"SOMETHING_NEW"}},"event":{"replayId":7}}"""));
		assertThat(event).isInstanceOfSatisfying(GenericEvent.class, (e) -> {
			assertThat(e.replayId()).isEqualTo(7);
			assertThat(e.data().path("payload").isObject()).isTrue();
		});
	}

	@Test
	void otherChannelsAreTypedByShape() {
		assertThat(this.parser.parse("/custom/X", json("""
				{"payload":{"A":1},"event":{"replayId":1}}"""))).isInstanceOf(PlatformEvent.class);
		assertThat(this.parser.parse("/custom/X", json("""
				{"sobject":{"A":1},"event":{"replayId":1}}"""))).isInstanceOf(PushTopicEvent.class);
		assertThat(this.parser.parse("/custom/X", json("""
				{"payload":"text","event":{"replayId":1}}"""))).isInstanceOf(GenericEvent.class);
	}

	@Test
	void missingReplayIdIsMinusOne() {
		assertThat(EventParser.replayId(json("{\"payload\":\"x\"}"))).isEqualTo(-1);
	}

}
