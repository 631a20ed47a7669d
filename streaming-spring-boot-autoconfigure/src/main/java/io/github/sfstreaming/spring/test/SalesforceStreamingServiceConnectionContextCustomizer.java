package io.github.sfstreaming.spring.test;

import java.lang.reflect.Field;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

/**
 * Registers the connection details of the emulator held by a static field. The field is read when the details
 * are, so the JUnit extension has started the emulator by then. Equal for the same field, so that the context
 * cache keeps one context per test class.
 *
 * @param field the annotated static field
 */
record SalesforceStreamingServiceConnectionContextCustomizer(Field field) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		emulatorType(this.field);
		context.getBeanFactory()
			.registerSingleton(SalesforceStreamingEmulatorConnectionDetails.BEAN_NAME,
					new SalesforceStreamingEmulatorConnectionDetails(this::emulator));
	}

	private SalesforceStreamingEmulator emulator() {
		ReflectionUtils.makeAccessible(this.field);
		Object value = ReflectionUtils.getField(this.field, null);
		if (value instanceof SalesforceStreamingEmulatorExtension extension) {
			return extension.emulator();
		}
		if (value instanceof SalesforceStreamingEmulator emulator) {
			return emulator;
		}
		throw new IllegalStateException("@SalesforceStreamingServiceConnection field '" + this.field.getName()
				+ "' of " + this.field.getDeclaringClass().getName() + " is null");
	}

	private static void emulatorType(Field field) {
		if (!SalesforceStreamingEmulatorExtension.class.isAssignableFrom(field.getType())
				&& !SalesforceStreamingEmulator.class.isAssignableFrom(field.getType())) {
			throw new IllegalStateException("@SalesforceStreamingServiceConnection field '" + field.getName() + "' of "
					+ field.getDeclaringClass().getName() + " must be a SalesforceStreamingEmulatorExtension or a "
					+ "SalesforceStreamingEmulator, not " + field.getType().getName());
		}
	}

}
