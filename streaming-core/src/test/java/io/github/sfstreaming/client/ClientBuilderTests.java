package io.github.sfstreaming.client;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.auth.StaticTokenProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bad builder input names the argument to fix.
 */
class ClientBuilderTests {

	private static SalesforceStreamingClient.Builder valid() {
		return SalesforceStreamingClient.builder()
			.tokenProvider(new StaticTokenProvider("t", URI.create("https://acme.my.salesforce.com")));
	}

	@Test
	void tokenProviderIsRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceStreamingClient.builder().build())
			.withMessage("tokenProvider must be set");
	}

	@Test
	void apiVersionMustLookLikeAVersion() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().apiVersion("6").build())
			.withMessage("apiVersion '6' must look like 64.0");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().apiVersion("40.0").build())
			.withMessageContaining("41.0 or later");
	}

	@Test
	void numbersMustBeSensible() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().bufferSize(0).build())
			.withMessageContaining("bufferSize");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().handlerConcurrency(0).build())
			.withMessageContaining("handlerConcurrency");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().maxMessageSize(1000).build())
			.withMessageContaining("maxMessageSize");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
			.withMessageContaining("backoff max");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().backoff(Duration.ZERO, Duration.ofSeconds(1)).build())
			.withMessageContaining("backoff initial");
	}

	@Test
	void channelNamesAreChecked() {
		try (SalesforceStreamingClient client = valid().build()) {
			assertThatIllegalArgumentException().isThrownBy(() -> client.subscribe("topic/X"))
				.withMessageContaining("channel 'topic/X'");
			assertThatIllegalArgumentException().isThrownBy(() -> client.subscribe("/meta/connect"))
				.withMessageContaining("channel '/meta/connect'");
		}
	}

	@Test
	void notStartedClient() {
		try (SalesforceStreamingClient client = valid().build()) {
			assertThat(client.state()).isEqualTo(ClientState.STOPPED);
			assertThat(client.isRunning()).isFalse();
			assertThat(client.lastConnectTime()).isNull();
			assertThatExceptionOfType(StreamingException.class)
				.isThrownBy(() -> client.awaitConnected(Duration.ofMillis(10)))
				.withMessageContaining("start()");
			// queued until the handshake
			client.subscribe("/topic/X", (event) -> {
			});
			assertThat(client.channels()).singleElement()
				.satisfies((status) -> assertThat(status.subscribed()).isFalse());
		}
	}

}
