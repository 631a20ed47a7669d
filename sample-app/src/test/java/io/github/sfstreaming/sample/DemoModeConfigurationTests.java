package io.github.sfstreaming.sample;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DemoModeConfiguration} outside demo mode, which only an application processed ahead of time in demo mode
 * reaches (its conditions were settled at build time): a clear error, not a silent emulator in place of the org.
 */
class DemoModeConfigurationTests {

	@Test
	void refusesToStartTheEmulatorWhenDemoModeIsOff() {
		MockEnvironment credentials = new MockEnvironment()
			.withProperty("salesforce.streaming.auth.client-id", "my-client-id");
		assertThatIllegalStateException().isThrownBy(() -> new DemoModeConfiguration().demoEmulator(credentials))
			.withMessageContaining("processed ahead of time in demo mode")
			.withMessageContaining("without -Dspring.aot.enabled=true");
	}

}
