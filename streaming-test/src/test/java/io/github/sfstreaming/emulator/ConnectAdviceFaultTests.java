package io.github.sfstreaming.emulator;

import java.time.Duration;

import org.cometd.bayeux.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The fault that forces an advice on {@code /meta/connect} replies, on the wire.
 */
class ConnectAdviceFaultTests {

	private static final long THIRTY_YEARS = Duration.ofDays(30 * 365).toMillis();

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofMillis(500))
		.build();

	@Test
	void nextConnectRepliesCarryTheForcedAdviceThenTheUsualOne() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		bayeux.handshake();
		assertThat(advice(bayeux).get("interval").asLong()).isZero();
		emulator.faults().connectAdvice(THIRTY_YEARS, Long.MAX_VALUE, 2);
		for (int i = 0; i < 2; i++) {
			JsonNode advice = advice(bayeux);
			assertThat(advice.get("interval").asLong()).isEqualTo(THIRTY_YEARS);
			assertThat(advice.get("timeout").asLong()).isEqualTo(Long.MAX_VALUE);
			assertThat(advice.get("reconnect").asString()).isEqualTo("retry");
		}
		JsonNode usual = advice(bayeux);
		assertThat(usual.get("interval").asLong()).isZero();
		assertThat(usual.get("timeout").asLong()).isEqualTo(500);
	}

	@Test
	void clearDisarmsIt() {
		RawBayeux bayeux = new RawBayeux(emulator.baseUrl(), TestClient.login(emulator.baseUrl()));
		bayeux.handshake();
		emulator.faults().connectAdvice(-1, -1, 5);
		emulator.faults().clear();
		assertThat(advice(bayeux).get("interval").asLong()).isZero();
	}

	@Test
	void countMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().connectAdvice(0, 0, 0));
	}

	private static JsonNode advice(RawBayeux bayeux) {
		JsonNode reply = bayeux.connect().on(Channel.META_CONNECT);
		assertThat(reply.get("successful").asBoolean()).isTrue();
		return reply.get("advice");
	}

}
