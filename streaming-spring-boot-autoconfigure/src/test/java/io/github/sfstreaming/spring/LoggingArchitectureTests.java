package io.github.sfstreaming.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One logging API: the main code of the modules on this class path (the auto-configuration, the core client and
 * the emulator) logs through SLF4J, so that an application configures one thing and every message takes the same
 * route; never through commons-logging, Spring's {@code LogAccessor} or {@code java.util.logging}.
 */
class LoggingArchitectureTests {

	private static final JavaClasses MAIN_CODE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.sfstreaming");

	@Test
	void mainCodeLogsThroughSlf4jOnly() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.commons.logging..", "org.springframework.core.log..", "java.util.logging..")
			.as("main code logs through SLF4J (org.slf4j.Logger) only")
			.because("one logging API across modules: commons-logging, Spring's LogAccessor and "
					+ "java.util.logging would each need configuring on their own");
		rule.check(MAIN_CODE);
	}

	@Test
	void theRuleSeesEveryModuleOnTheClassPath() {
		// a rule over no classes passes whatever it says
		assertThat(MAIN_CODE.contain(SalesforceStreamingClient.class)).isTrue();
		assertThat(MAIN_CODE.contain(JdbcReplayStore.class)).isTrue();
		assertThat(MAIN_CODE.contain(SalesforceStreamingEmulator.class)).isTrue();
		assertThat(MAIN_CODE.contain(LoggingArchitectureTests.class)).isFalse();
	}

}
