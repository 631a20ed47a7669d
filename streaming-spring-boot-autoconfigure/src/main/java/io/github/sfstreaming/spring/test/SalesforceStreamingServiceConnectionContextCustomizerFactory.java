package io.github.sfstreaming.spring.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link SalesforceStreamingServiceConnection @SalesforceStreamingServiceConnection} field of a test
 * class (its superclasses and, for {@code @Nested} classes, its enclosing classes). Registered in
 * {@code META-INF/spring.factories}.
 */
class SalesforceStreamingServiceConnectionContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String EMULATOR_CLASS = "io.github.sfstreaming.emulator.SalesforceStreamingEmulator";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<Field> fields = new ArrayList<>();
		collect(testClass, fields);
		if (fields.isEmpty()) {
			return null;
		}
		if (fields.size() > 1) {
			throw new IllegalStateException("Only one field of " + testClass.getName()
					+ " may be annotated with @SalesforceStreamingServiceConnection, found " + fields.size());
		}
		if (!ClassUtils.isPresent(EMULATOR_CLASS, testClass.getClassLoader())) {
			throw new IllegalStateException("@SalesforceStreamingServiceConnection needs the streaming-test module "
					+ "(the emulator) on the test class path");
		}
		return new SalesforceStreamingServiceConnectionContextCustomizer(fields.get(0));
	}

	private static void collect(Class<?> testClass, List<Field> fields) {
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			ReflectionUtils.doWithLocalFields(type, (field) -> {
				if (field.isAnnotationPresent(SalesforceStreamingServiceConnection.class)) {
					if (!Modifier.isStatic(field.getModifiers())) {
						throw new IllegalStateException("@SalesforceStreamingServiceConnection field '"
								+ field.getName() + "' of " + field.getDeclaringClass().getName() + " must be static");
					}
					fields.add(field);
				}
			});
		}
		if (TestContextAnnotationUtils.searchEnclosingClass(testClass)) {
			collect(testClass.getEnclosingClass(), fields);
		}
	}

}
