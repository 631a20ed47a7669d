package io.github.sfstreaming.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension on an instance field: no beforeAll, so it starts before the first test.
 */
class LazyExtensionTests {

	@RegisterExtension
	final SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels("/u/Lazy")
		.build();

	@Test
	void startsLazilyWithItsSettings(SalesforceStreamingEmulator server) {
		assertThat(this.emulator.emulator()).isSameAs(server);
		assertThat(server.isRunning()).isTrue();
		assertThat(this.emulator.stats().channels()).containsOnlyKeys("/u/Lazy");
		assertThat(this.emulator.publish("/u/Lazy", "\"x\"")).isEqualTo(1L);
		assertThat(this.emulator.baseUrl().getHost()).isEqualTo("127.0.0.1");
	}

}
