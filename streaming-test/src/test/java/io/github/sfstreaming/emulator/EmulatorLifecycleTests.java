package io.github.sfstreaming.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starting and stopping, in-process and from the command line.
 */
class EmulatorLifecycleTests {

	@Test
	void startsOnARandomPortAndReleasesItOnClose() throws Exception {
		SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder().build().start();
		int port = emulator.port();
		assertThat(emulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + port);
		assertThat(emulator.bayeuxUrl("64.0").toString()).isEqualTo("http://127.0.0.1:" + port + "/cometd/64.0");
		emulator.close();
		assertThat(emulator.isRunning()).isFalse();
		try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
		emulator.close();
	}

	@Test
	void manyEmulatorsRunSideBySideAndLeaveNoThreads() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		for (int i = 0; i < 5; i++) {
			try (SalesforceStreamingEmulator a = SalesforceStreamingEmulator.builder().build().start();
					SalesforceStreamingEmulator b = SalesforceStreamingEmulator.builder().build().start()) {
				assertThat(a.port()).isNotEqualTo(b.port());
				a.publish("/topic/X", "{}");
			}
		}
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				Thread.getAllStackTraces().keySet().stream().filter((t) -> !before.contains(t))
					.filter((t) -> t.getName().startsWith("sf-emulator") || t.getName().startsWith("BayeuxServerImpl")))
			.isEmpty());
	}

	@Test
	void startingTwiceOrUsingItStoppedIsAnError() {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder().build().start()) {
			assertThatIllegalStateException().isThrownBy(emulator::start);
		}
		SalesforceStreamingEmulator stopped = SalesforceStreamingEmulator.builder().build();
		assertThatIllegalStateException().isThrownBy(stopped::baseUrl);
	}

	@Test
	void aTakenPortIsAClearError() {
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder().build().start()) {
			SalesforceStreamingEmulator clash = SalesforceStreamingEmulator.builder().port(emulator.port()).build();
			assertThatIllegalStateException().isThrownBy(clash::start).withMessageContaining("Could not start");
			assertThat(clash.isRunning()).isFalse();
		}
	}

	@Test
	void builderRefusesBadSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceStreamingEmulator.builder().port(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceStreamingEmulator.builder().channels("/x/Y"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SalesforceStreamingEmulator.builder().retention(0, Duration.ofHours(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SalesforceStreamingEmulator.builder().longPollTimeout(Duration.ZERO));
	}

	@Test
	void credentialsNeverPrintSecrets() {
		String text = EmulatorCredentials.defaults().withSecurityToken("SECRETTOKEN").toString();
		assertThat(text).contains("test-client-id").doesNotContain("test-client-secret", "pass", "SECRETTOKEN",
				"test-refresh-token");
	}

	@Test
	void commandLinePrintsOneReadyLine() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		EmulatorMain.Launched launched = EmulatorMain.launch(new String[] { "--port", "0", "--long-poll-timeout-ms",
				"1000", "--channels", "/topic/A,/event/B__e", "--retention-count=5", "--retention-age-s", "60",
				"--client-id", "cid", "--client-secret", "cs", "--username", "u@x", "--password", "pw",
				"--refresh-token", "rt", "--security-token", "st" }, print(out), print(err));
		try (SalesforceStreamingEmulator emulator = launched.emulator()) {
			assertThat(launched.status()).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8))
				.isEqualTo("Salesforce Streaming emulator listening on " + emulator.baseUrl() + System.lineSeparator());
			assertThat(emulator.stats().channels()).containsOnlyKeys("/topic/A", "/event/B__e");
			assertThat(TestClient.token(emulator.baseUrl(), java.util.Map.of("grant_type", "password", "client_id",
					"cid", "client_secret", "cs", "username", "u@x", "password", "pwst")).status()).isEqualTo(200);
			emulator.publish("/topic/A", 7, "{}");
			assertThat(emulator.stats().channel("/topic/A").retainedCount()).isEqualTo(5);
		}
	}

	@Test
	void commandLineReadsTheJwtPublicKeyFromPem(@TempDir Path dir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		Path pem = dir.resolve("app.pem");
		Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		EmulatorMain.Launched launched = EmulatorMain.launch(new String[] { "--jwt-public-key", pem.toString() },
				print(out), print(new ByteArrayOutputStream()));
		try (SalesforceStreamingEmulator emulator = launched.emulator()) {
			String jwt = OAuthTokenEndpointTests.jwt(keys.getPrivate(), "test-client-id", "user@example.com",
					emulator.baseUrl().toString(), java.time.Instant.now().plusSeconds(60));
			assertThat(TestClient.token(emulator.baseUrl(), java.util.Map.of("grant_type",
					"urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", jwt)).status()).isEqualTo(200);
		}
	}

	@Test
	void commandLineHelpAndErrors() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(EmulatorMain.launch(new String[] { "--help" }, print(out), print(err)).status()).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port", "--bind", "--long-poll-timeout-ms",
				"--client-id", "--client-secret", "--username", "--password", "--security-token", "--refresh-token",
				"--jwt-public-key", "--channels", "--retention-count", "--retention-age-s");
		assertThat(EmulatorMain.launch(new String[] { "--bogus" }, print(out), print(err)).status()).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--bogus'");
		assertThat(EmulatorMain.launch(new String[] { "--port" }, print(out), print(err)).status()).isEqualTo(2);
		assertThat(EmulatorMain.launch(new String[] { "--port", "x" }, print(out), print(err)).status()).isEqualTo(2);
		assertThat(EmulatorMain.launch(new String[] { "--jwt-public-key", "/nonexistent.pem" }, print(out), print(err))
			.status()).isEqualTo(2);
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
