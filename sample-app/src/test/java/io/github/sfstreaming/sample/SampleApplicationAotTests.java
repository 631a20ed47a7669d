package io.github.sfstreaming.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample as ahead-of-time processed by the build ({@code spring-boot:process-aot}, bound before the
 * tests in {@code pom.xml}), in a JVM of its own with {@code -Dspring.aot.enabled=true}, in demo mode: it must
 * start from the generated bean definitions and handle events of all four channel kinds.
 */
class SampleApplicationAotTests {

	private static final List<String> CHANNELS = List.of("/topic/InvoiceStatementUpdates", "/event/OrderPlaced__e",
			"/data/AccountChangeEvent", "/u/Notifications");

	@Test
	void theAotProcessedSampleRunsInDemoModeAndHandlesEveryChannelKind(@TempDir Path directory) throws Exception {
		assertThat(SampleApplicationAotTests.class.getResource("SampleApplication__ApplicationContextInitializer.class"))
			.as("the AOT-generated initializer in target/classes: run the tests through Maven, whose "
					+ "process-classes phase runs spring-boot:process-aot")
			.isNotNull();
		Queue<String> output = new ConcurrentLinkedQueue<>();
		Process process = new ProcessBuilder(javaBinary(), "-Dspring.aot.enabled=true", "-cp", classPath(),
				SampleApplication.class.getName(), "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:sample-aot;DB_CLOSE_DELAY=-1", "--sample.demo.initial-delay=0s",
				"--sample.demo.interval=200ms", "--sample.demo.restart-after=0")
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> collect(process, output), "aot-sample-output");
		reader.setDaemon(true);
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
				String text = String.join("\n", output);
				assertThat(process.isAlive()).as("the sample is running; its output:\n%s", text).isTrue();
				assertThat(text).contains("Starting AOT-processed SampleApplication").contains("DEMO MODE");
				for (String channel : CHANNELS) {
					assertThat(text).contains("channel=" + channel + " replayId=");
				}
			});
		}
		finally {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		assertThat(String.join("\n", output)).doesNotContain("APPLICATION FAILED TO START");
	}

	private static void collect(Process process, Queue<String> output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
			}
		}
		catch (IOException ex) {
			output.add("READ FAILED " + ex);
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The test class path (Surefire's own property when it runs the tests through a manifest-only jar). */
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

}
