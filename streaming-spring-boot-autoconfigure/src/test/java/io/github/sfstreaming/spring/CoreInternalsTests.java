package io.github.sfstreaming.spring;

import java.net.URL;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * This module uses the core through its public API only: {@code io.github.sfstreaming.internal} may change at
 * any time.
 */
class CoreInternalsTests {

	/** This module's classes, main and test. */
	private static final JavaClasses classes = new ClassFileImporter().importLocations(
			List.of(location(SalesforceStreamingAutoConfiguration.class), location(CoreInternalsTests.class)));

	private static Location location(Class<?> type) {
		URL url = type.getProtectionDomain().getCodeSource().getLocation();
		return Location.of(url);
	}

	@Test
	void noClassDependsOnTheCoreInternals() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.sfstreaming.internal..")
			.because("the core's internals are not API; ask for what is missing in its public API")
			.check(classes);
	}

}
