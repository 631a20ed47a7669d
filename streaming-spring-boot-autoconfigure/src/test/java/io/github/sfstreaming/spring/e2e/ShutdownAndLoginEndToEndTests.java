package io.github.sfstreaming.spring.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.github.sfstreaming.auth.JwtBearerTokenProvider;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.EmulatorCredentials;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A clean shutdown finishes the event in hand, stores its replay id and disconnects; the JWT bearer grant
 * works from properties alone.
 */
class ShutdownAndLoginEndToEndTests {

	private static final String SLOW = "/event/Slow__e";

	static final CountDownLatch entered = new CountDownLatch(1);

	static final CountDownLatch release = new CountDownLatch(1);

	static volatile boolean finished;

	@Test
	void stopFinishesTheEventInHandStoresItsIdAndDisconnects() throws Exception {
		String url = "jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.channels(SLOW)
			.build()
			.start()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SlowApplication.class)
				.web(WebApplicationType.NONE)
				.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(emulator))
				.properties("spring.datasource.url=" + url, "salesforce.streaming.replay.flush-interval=1h",
						"salesforce.streaming.replay.default=all", "salesforce.streaming.shutdown-timeout=30s")
				.run();
			SalesforceStreamingClient client = context.getBean(SalesforceStreamingClient.class);
			long id = emulator.publish(SLOW, "{\"Step__c\":\"1\"}");
			assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			await().atMost(Duration.ofSeconds(30)).until(() -> client.state() == ClientState.DISCONNECTING);
			assertThat(closing).isNotDone();
			release.countDown();
			closing.get(30, TimeUnit.SECONDS);
			assertThat(finished).isTrue();
			List<Long> stored = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""))
				.queryForList("SELECT replay_id FROM SF_STREAMING_REPLAY WHERE channel = ?", Long.class, SLOW);
			assertThat(stored).containsExactly(id);
			await().atMost(Duration.ofSeconds(30)).until(() -> emulator.stats().sessions().isEmpty());
		}
	}

	@Test
	void jwtBearerGrantFromProperties(@TempDir Path directory) throws Exception {
		KeyPair keys = rsaKeys();
		Path key = writePkcs8Pem(keys, directory.resolve("salesforce.pem"));
		try (SalesforceStreamingEmulator emulator = jwtEmulator(keys);
				ConfigurableApplicationContext context = new SpringApplicationBuilder(LoginApplication.class)
					.web(WebApplicationType.NONE)
					.properties(properties(emulator, "salesforce.streaming.auth.private-key=file:" + key,
							"salesforce.streaming.startup.failure-policy=fail"))
					.run()) {
			assertThat(context.getBean(TokenProvider.class)).isInstanceOf(JwtBearerTokenProvider.class);
			assertThat(context.getBean(SalesforceStreamingClient.class).state()).isEqualTo(ClientState.CONNECTED);
		}
	}

	@Test
	void jwtAudienceFromPropertiesIsTheOneSigned(@TempDir Path directory) throws Exception {
		KeyPair keys = rsaKeys();
		Path key = writePkcs8Pem(keys, directory.resolve("salesforce.pem"));
		try (SalesforceStreamingEmulator emulator = jwtEmulator(keys)) {
			// an audience the emulator does not accept: the login must fail with Salesforce's answer
			SpringApplicationBuilder application = new SpringApplicationBuilder(LoginApplication.class)
				.web(WebApplicationType.NONE)
				.properties(properties(emulator, "salesforce.streaming.auth.private-key=file:" + key,
						"salesforce.streaming.auth.audience=https://elsewhere.example.com"));
			assertThatException().isThrownBy(application::run)
				.withStackTraceContaining("invalid_grant")
				.withStackTraceContaining("audience is invalid");
		}
	}

	/** An emulator that accepts JWT assertions signed with the given keys. */
	private static SalesforceStreamingEmulator jwtEmulator(KeyPair keys) {
		return SalesforceStreamingEmulator.builder()
			.port(0)
			.longPollTimeout(Duration.ofSeconds(2))
			.credentials(EmulatorCredentials.defaults().withJwtPublicKey(keys.getPublic()))
			.build()
			.start();
	}

	private static KeyPair rsaKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

	/** Writes the private key as the PKCS#8 PEM that {@code auth.private-key} reads. */
	private static Path writePkcs8Pem(KeyPair keys, Path file) throws Exception {
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
		return file;
	}

	private static String[] properties(SalesforceStreamingEmulator emulator, String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of(
				"salesforce.streaming.login-url=" + emulator.baseUrl(),
				"salesforce.streaming.auth.client-id=test-client-id",
				"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.replay.default=all",
				"salesforce.streaming.shutdown-timeout=30s"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SlowApplication {

		@Bean
		SlowListener slowListener() {
			return new SlowListener();
		}

	}

	static class SlowListener {

		@SalesforceListener(SLOW)
		void onSlow(PlatformEvent event) throws InterruptedException {
			entered.countDown();
			if (release.await(60, TimeUnit.SECONDS)) {
				finished = true;
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LoginApplication {

	}

}
