package io.github.sfstreaming.pubsub;

import java.util.ArrayList;
import java.util.List;

import io.grpc.Status;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PubSubUnitTests {

	@Test
	void bitmapsNameTopLevelAndNestedFieldsAsTheReferenceExampleReads() {
		List<Schema.Field> fields = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			if (i == 4 || i == 7) {
				List<Schema.Field> parts = new ArrayList<>();
				for (int p = 0; p < 5; p++) {
					parts.add(new Schema.Field("P" + p, Schema.create(Schema.Type.STRING)));
				}
				Schema compound = Schema.createRecord("C" + i, null, "t", false, parts);
				fields.add(new Schema.Field("F" + i,
						Schema.createUnion(Schema.create(Schema.Type.NULL), compound), null, JsonProperties.NULL_VALUE));
			}
			else {
				fields.add(new Schema.Field("F" + i, Schema.create(Schema.Type.STRING)));
			}
		}
		Schema schema = Schema.createRecord("E", null, "t", false, fields);
		assertThat(ChangeEventBitmaps.expand(schema, List.of("0x650004E0", "4-0x10", "7-0x06"))).containsExactly(
				"F5", "F6", "F7", "F10", "F24", "F26", "F29", "F30", "F4.P4", "F7.P1", "F7.P2");
		// Plain names pass; bits past the schema, bad hex and bad positions are skipped, never thrown.
		assertThat(ChangeEventBitmaps.expand(schema, List.of("Name", "0xFF00000000", "0xZZ", "99-0x01", "x-0x01")))
			.containsExactly("Name", "x-0x01");
	}

	@Test
	void errorsAreClassifiedByTrailerFirst() {
		assertThat(PubSubErrorKind.classify(Status.Code.INVALID_ARGUMENT,
				"sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted"))
			.isEqualTo(PubSubErrorKind.INVALID_REPLAY_ID);
		assertThat(PubSubErrorKind.classify(Status.Code.INVALID_ARGUMENT,
				"sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed"))
			.isEqualTo(PubSubErrorKind.INVALID_REPLAY_ID);
		assertThat(PubSubErrorKind.classify(Status.Code.PERMISSION_DENIED,
				"sfdc.platform.eventbus.grpc.service.auth.error")).isEqualTo(PubSubErrorKind.AUTH);
		assertThat(PubSubErrorKind.classify(Status.Code.UNKNOWN,
				"sfdc.platform.eventbus.grpc.subscription.limit.exceeded")).isEqualTo(PubSubErrorKind.LIMIT);
		assertThat(PubSubErrorKind.classify(Status.Code.UNAVAILABLE, null)).isEqualTo(PubSubErrorKind.TRANSIENT);
		assertThat(PubSubErrorKind.classify(Status.Code.INTERNAL,
				"sfdc.platform.eventbus.grpc.service.unavailable")).isEqualTo(PubSubErrorKind.TRANSIENT);
		assertThat(PubSubErrorKind.classify(Status.Code.NOT_FOUND, null)).isEqualTo(PubSubErrorKind.FINAL);
	}

	@Test
	void eachKindIsAReconnectCauseTag() {
		assertThat(java.util.Arrays.stream(PubSubErrorKind.values()).map(PubSubErrorKind::cause))
			.containsExactly("auth", "invalid-replay-id", "limit", "final", "transient");
	}

	@Test
	void replayIdsAreOpaqueBytesComparedForEqualityOnly() {
		byte[] bytes = { 0, 0, 0, 1 };
		PubSubReplayId id = PubSubReplayId.of(bytes);
		bytes[3] = 2;
		assertThat(id).isEqualTo(PubSubReplayId.of(new byte[] { 0, 0, 0, 1 }));
		assertThat(id.toByteArray()).containsExactly(0, 0, 0, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> PubSubReplayId.of(new byte[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> new PubSubStart(PubSubStart.Preset.CUSTOM, null));
	}

}
