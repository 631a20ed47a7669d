package io.github.sfstreaming.emulator;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit extension with its defaults: one emulator for the class, reset before each test.
 */
@ExtendWith(SalesforceStreamingEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTests {

	private static SalesforceStreamingEmulator first;

	@Test
	@Order(1)
	void resolvesAStartedEmulatorOnLoopback(SalesforceStreamingEmulator emulator) {
		first = emulator;
		assertThat(emulator.isRunning()).isTrue();
		assertThat(emulator.baseUrl().getHost()).isEqualTo("127.0.0.1");
		assertThat(emulator.port()).isPositive();
		emulator.publish("/topic/Left", "{}");
	}

	@Test
	@Order(2)
	void theSameEmulatorIsResetBeforeEachTest(SalesforceStreamingEmulator emulator) {
		assertThat(emulator).isSameAs(first);
		assertThat(emulator.stats().channels()).isEmpty();
	}

	@Nested
	class Inner {

		@Test
		void nestedClassesShareIt(SalesforceStreamingEmulator emulator) {
			assertThat(emulator.isRunning()).isTrue();
		}

	}

}
