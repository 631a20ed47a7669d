package io.github.sfstreaming.spring.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How {@link SalesforceStreamingServiceConnectionContextCustomizerFactory} finds the annotated field, and what it
 * refuses.
 */
class SalesforceStreamingServiceConnectionContextCustomizerFactoryTests {

	private final SalesforceStreamingServiceConnectionContextCustomizerFactory factory = new SalesforceStreamingServiceConnectionContextCustomizerFactory();

	@Test
	void noAnnotatedFieldNoCustomizer() {
		assertThat(this.factory.createContextCustomizer(NoField.class, List.of())).isNull();
	}

	@Test
	void aStaticFieldOfASuperclassIsFound() {
		assertThat(this.factory.createContextCustomizer(Sub.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(EmulatorField.class, List.of()));
	}

	@Test
	void anInstanceFieldIsRefusedByName() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(InstanceField.class, List.of()))
			.withMessageContaining("'emulator'")
			.withMessageContaining("must be static");
	}

	@Test
	void twoFieldsAreRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(TwoFields.class, List.of()))
			.withMessageContaining("Only one field");
	}

	@Test
	void aFieldOfAnotherTypeIsRefusedWhenTheContextIsCustomized() {
		var customizer = this.factory.createContextCustomizer(WrongType.class, List.of());
		assertThat(customizer).isNotNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> customizer.customizeContext(
					new org.springframework.context.support.GenericApplicationContext(), null))
			.withMessageContaining("'url'")
			.withMessageContaining("must be a SalesforceStreamingEmulatorExtension or a SalesforceStreamingEmulator");
	}

	static class NoField {

	}

	static class EmulatorField {

		@SalesforceStreamingServiceConnection
		static SalesforceStreamingEmulator emulator;

	}

	static class Sub extends EmulatorField {

	}

	static class InstanceField {

		@SalesforceStreamingServiceConnection
		SalesforceStreamingEmulatorExtension emulator;

	}

	static class TwoFields {

		@SalesforceStreamingServiceConnection
		static SalesforceStreamingEmulator first;

		@SalesforceStreamingServiceConnection
		static SalesforceStreamingEmulator second;

	}

	static class WrongType {

		@SalesforceStreamingServiceConnection
		static String url = "http://127.0.0.1:1";

	}

}
