package io.github.sfstreaming.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests of {@link SecretPropertyFailureAnalyzer}: the report of an application that fails to start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretPropertyFailureAnalyzerTests {

	@Test
	void startupFailureReportNamesThePropertyButNeverShowsThePastedKey(CapturedOutput output) throws Exception {
		String pem = SalesforceStreamingAutoConfigurationTests.pkcs8Pem();
		String keyText = pem.replace("\n", "");
		run("--salesforce.streaming.auth.private-key=" + keyText);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value for configuration property 'salesforce.streaming.auth.private-key'",
				"not the location of a key", "file:/run/secrets/key.pem");
		SalesforceStreamingAutoConfigurationTests.assertKeyNotShown(output.toString(), pem);
	}

	@Test
	void otherPropertiesKeepSpringBootsReportWithTheirValue(CapturedOutput output, @TempDir Path directory)
			throws Exception {
		Path key = directory.resolve("key.pem");
		Files.writeString(key, SalesforceStreamingAutoConfigurationTests.pkcs8Pem(), StandardCharsets.US_ASCII);
		run("--salesforce.streaming.auth.private-key=file:" + key, "--salesforce.streaming.api-version=abc");
		assertThat(output)
			.contains("Invalid value 'abc' for configuration property 'salesforce.streaming.api-version'");
	}

	@Test
	void onlySecretPropertiesAreAnalyzed() {
		SecretPropertyFailureAnalyzer analyzer = new SecretPropertyFailureAnalyzer();
		assertThat(analyzer.analyze(new InvalidConfigurationPropertyValueException(
				"salesforce.streaming.api-version", "abc", "Must be a version"))).isNull();
		assertThat(analyzer.analyze(new InvalidConfigurationPropertyValueException(
				"salesforce.streaming.proxy.password", "pr0xy-pw", "Must be set")).getDescription())
			.contains("salesforce.streaming.proxy.password", "Must be set")
			.doesNotContain("pr0xy-pw");
	}

	private static void run(String... arguments) {
		SpringApplication application = new SpringApplication(JwtApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] common = { "--salesforce.streaming.login-url=http://127.0.0.1:1",
				"--salesforce.streaming.auth.client-id=my-client-id",
				"--salesforce.streaming.auth.username=user@example.com",
				"--salesforce.streaming.auth.grant-type=jwt-bearer",
				"--salesforce.streaming.startup.auto-startup=false",
				"--spring.main.banner-mode=off" };
		String[] all = new String[common.length + arguments.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(arguments, 0, all, common.length, arguments.length);
		assertThatException().isThrownBy(() -> application.run(all));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SalesforceStreamingAutoConfiguration.class)
	static class JwtApplication {

	}

}
