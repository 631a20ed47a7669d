package io.github.sfstreaming.pubsub;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AvroEventEncoderTests {

	private static final Schema SCHEMA = new Schema.Parser().parse("""
			{"type":"record","name":"Order__e","fields":[
			 {"name":"CreatedDate","type":{"type":"long","logicalType":"timestamp-millis"}},
			 {"name":"CreatedById","type":"string"},
			 {"name":"Count__c","type":["null","int"],"default":null},
			 {"name":"Total__c","type":["null","long"],"default":null},
			 {"name":"When__c","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
			 {"name":"Ratio__c","type":["null","float"],"default":null},
			 {"name":"Size__c","type":["null",{"type":"enum","name":"Size","symbols":["S","M","L"]}],"default":null},
			 {"name":"Blob__c","type":["null","bytes"],"default":null},
			 {"name":"Code__c","type":"string"},
			 {"name":"Flag__c","type":"boolean","default":false}]}""");

	private static ObjectNode json(String text) {
		return (ObjectNode) JsonMapper.shared().readTree(text);
	}

	private static GenericRecord roundTrip(String fields) throws IOException {
		byte[] payload = AvroEventEncoder.encode(SCHEMA, json(fields), "Order__e", null);
		return new GenericDatumReader<GenericRecord>(SCHEMA).read(null,
				DecoderFactory.get().binaryDecoder(payload, null));
	}

	@Test
	void writesEachValueAsItsFieldsAvroType() throws IOException {
		GenericRecord record = roundTrip("""
				{"Count__c":3,"Total__c":5.0,"When__c":"2026-11-27T21:00:00.000+0100","Ratio__c":0.5,
				 "Size__c":"M","Blob__c":"AQI=","Code__c":42,"CreatedDate":"2026-11-27T21:00:00Z"}""");
		assertThat(record.get("Count__c")).isEqualTo(3);
		assertThat(record.get("Total__c")).isEqualTo(5L);
		assertThat(record.get("When__c")).isEqualTo(1_795_809_600_000L);
		assertThat(record.get("CreatedDate")).isEqualTo(1_795_813_200_000L);
		assertThat(record.get("Ratio__c")).isEqualTo(0.5f);
		assertThat(record.get("Size__c")).hasToString("M");
		assertThat(((ByteBuffer) record.get("Blob__c")).array()).containsExactly(1, 2);
		assertThat(record.get("Code__c")).hasToString("42");
		assertThat(record.get("Flag__c")).isEqualTo(false);
		assertThat(record.get("CreatedById")).hasToString("");
	}

	@Test
	void refusesWhatDoesNotFitWithTheRestApisCodes() {
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Code__c\":\"x\",\"Total__c\":5.5}"))
			.satisfies((ex) -> {
				assertThat(ex.error().statusCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
				assertThat(ex.error().fields()).containsExactly("Total__c");
			});
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Code__c\":\"x\",\"Count__c\":3000000000}"))
			.satisfies((ex) -> assertThat(ex.error().statusCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD"));
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Code__c\":\"x\",\"Size__c\":\"XL\"}"))
			.satisfies((ex) -> assertThat(ex.error().statusCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD"));
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Code__c\":\"x\",\"When__c\":\"tomorrow\"}"))
			.satisfies((ex) -> assertThat(ex.error().statusCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD"));
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Count__c\":1}"))
			.satisfies((ex) -> {
				assertThat(ex.error().statusCode()).isEqualTo("REQUIRED_FIELD_MISSING");
				assertThat(ex.error().fields()).containsExactly("Code__c");
			});
		assertThatExceptionOfType(AvroEventEncoder.InvalidEventException.class)
			.isThrownBy(() -> roundTrip("{\"Code__c\":[1]}"))
			.satisfies((ex) -> assertThat(ex.error().statusCode()).isEqualTo("JSON_PARSER_ERROR"));
	}

	@Test
	void onlyPlatformEventsArePublished() {
		assertThat(PubSubEventPublisher.topic("Order__e")).isEqualTo("/event/Order__e");
		assertThat(PubSubEventPublisher.topic("/event/My_Order__e")).isEqualTo("/event/My_Order__e");
		for (String channel : new String[] { "Order", "/event/Order", "Bad__Name__e", "/topic/X", "/u/X",
				"/data/AccountChangeEvent", " " }) {
			assertThatIllegalArgumentException().as(channel).isThrownBy(() -> PubSubEventPublisher.topic(channel));
		}
	}

}
