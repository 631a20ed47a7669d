package io.github.sfstreaming.spring.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import io.github.sfstreaming.auth.ClientCredentialsTokenProvider;
import io.github.sfstreaming.auth.JwtBearerTokenProvider;
import io.github.sfstreaming.auth.RefreshTokenTokenProvider;
import io.github.sfstreaming.auth.StaticTokenProvider;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.EnableSalesforceListeners;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.lifecycle.StartupFailurePolicy;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.EventRecoverer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.LoggingEventRecoverer;
import io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SalesforceStreamingAutoConfiguration}.
 */
class SalesforceStreamingAutoConfigurationTests {

	static final String[] PASSWORD_GRANT = { "salesforce.streaming.login-url=http://127.0.0.1:1",
			"salesforce.streaming.auth.client-id=my-client-id", "salesforce.streaming.auth.client-secret=s3cr3t-client",
			"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pa55word",
			"salesforce.streaming.auth.security-token=t0ken-123", "salesforce.streaming.startup.auto-startup=false" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
				SalesforceStreamingAutoConfiguration.class, WebClientAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues(PASSWORD_GRANT);

	@Test
	void defaultBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SalesforceStreamingClient.class);
			assertThat(context).getBean(TokenProvider.class).isInstanceOf(UsernamePasswordTokenProvider.class);
			assertThat(context).getBean(ReplayStore.class).isInstanceOf(InMemoryReplayStore.class);
			assertThat(context).getBean(EventRecoverer.class).isInstanceOf(LoggingEventRecoverer.class);
			assertThat(context).getBean(ListenerErrorHandler.class).isInstanceOf(DefaultListenerErrorHandler.class);
			assertThat(context).hasBean(SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
			SalesforceStreamingLifecycle lifecycle = context.getBean(SalesforceStreamingLifecycle.class);
			assertThat(lifecycle.getPhase()).isEqualTo(Integer.MAX_VALUE - 100);
			assertThat(lifecycle.isAutoStartup()).isFalse();
			assertThat(lifecycle.isRunning()).isFalse();
			assertThat(lifecycle.getClient()).isSameAs(context.getBean(SalesforceStreamingClient.class));
		});
	}

	@Test
	void startupPropertiesShapeTheLifecycle() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.startup.failure-policy=fail",
					"salesforce.streaming.startup.timeout=5s")
			.run((context) -> {
				SalesforceStreamingLifecycle lifecycle = context.getBean(SalesforceStreamingLifecycle.class);
				assertThat(lifecycle.getFailurePolicy()).isEqualTo(StartupFailurePolicy.FAIL);
				assertThat(lifecycle.getStartupTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
		this.contextRunner.run((context) -> {
			SalesforceStreamingLifecycle lifecycle = context.getBean(SalesforceStreamingLifecycle.class);
			assertThat(lifecycle.getFailurePolicy()).isEqualTo(StartupFailurePolicy.RETRY);
			assertThat(lifecycle.getStartupTimeout()).isEqualTo(Duration.ofSeconds(30));
		});
		assertThat(new SalesforceStreamingProperties().getStartup().isAutoStartup()).isTrue();
	}

	@Test
	void disabledCreatesNothing() {
		this.contextRunner.withPropertyValues("salesforce.streaming.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SalesforceStreamingClient.class);
			assertThat(context).doesNotHaveBean(SalesforceStreamingLifecycle.class);
			assertThat(context).doesNotHaveBean(TokenProvider.class);
			assertThat(context).doesNotHaveBean(ReplayStore.class);
			assertThat(context).doesNotHaveBean(ListenerErrorHandler.class);
		});
	}

	@Test
	void userBeansReplaceTheDefaults() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(TokenProvider.class).isSameAs(UserBeans.TOKEN_PROVIDER);
			assertThat(context).getBean(ReplayStore.class).isSameAs(UserBeans.REPLAY_STORE);
			assertThat(context).getBean(EventRecoverer.class).isSameAs(UserBeans.RECOVERER);
			// the user's application-wide handler is the one listeners without their own use
			assertThat(context.getBean(DefaultSalesforceListenerContainerFactory.class).getErrorHandler())
				.isSameAs(UserBeans.ERROR_HANDLER);
		});
	}

	@Test
	void aListenersOwnErrorHandlerDoesNotDisplaceTheDefaultOfTheOthers() {
		this.contextRunner.withUserConfiguration(OwnErrorHandlerListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME);
			assertThat(context.getBean(DefaultSalesforceListenerContainerFactory.class).getErrorHandler())
				.isSameAs(context.getBean(SalesforceListenerConfigUtils.DEFAULT_LISTENER_ERROR_HANDLER_BEAN_NAME));
			assertThat(((DefaultSalesforceListenerContainer) context.getBean(SalesforceListenerEndpointRegistry.class)
				.getListenerContainer("ordersListener.onOrder")).getListenerErrorHandler()).isNotNull();
		});
	}

	@Test
	void userTokenProviderNeedsNoCredentials() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class))
			.withPropertyValues("salesforce.streaming.startup.auto-startup=false")
			.withBean(TokenProvider.class, () -> UserBeans.TOKEN_PROVIDER)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SalesforceStreamingClient.class);
			});
	}

	@Test
	void userClientAndLifecycleReplaceTheDefaults() {
		SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(UserBeans.TOKEN_PROVIDER)
			.build();
		this.contextRunner.withBean(SalesforceStreamingClient.class, () -> client).run((context) -> {
			assertThat(context).getBean(SalesforceStreamingClient.class).isSameAs(client);
			assertThat(context.getBean(SalesforceStreamingLifecycle.class).getClient()).isSameAs(client);
		});
	}

	@Test
	void customizersAreApplied() {
		List<SalesforceStreamingClient.Builder> customized = new ArrayList<>();
		this.contextRunner
			.withBean(SalesforceStreamingClientBuilderCustomizer.class, () -> customized::add)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(customized).hasSize(1);
			});
	}

	@Test
	void applicationsOwnEnableSalesforceListenersIsKept() {
		this.contextRunner.withUserConfiguration(OwnEnable.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context)
				.hasBean(SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
		});
	}

	@Test
	void retryPropertiesShapeTheBackOff() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.listener.retry.max-attempts=4",
					"salesforce.streaming.listener.retry.initial-interval=100ms",
					"salesforce.streaming.listener.retry.multiplier=3",
					"salesforce.streaming.listener.retry.max-interval=500ms")
			.run((context) -> {
				DefaultListenerErrorHandler handler = context.getBean(DefaultListenerErrorHandler.class);
				assertThat(handler.getBackOff()).isInstanceOf(ExponentialBackOff.class);
				BackOffExecution execution = handler.getBackOff().start();
				assertThat(execution.nextBackOff()).isEqualTo(100);
				assertThat(execution.nextBackOff()).isEqualTo(300);
				assertThat(execution.nextBackOff()).isEqualTo(500);
				assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
			});
	}

	@Test
	void grantIsInferredFromTheCredentials(@TempDir Path directory) throws Exception {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class))
			.withPropertyValues("salesforce.streaming.login-url=http://127.0.0.1:1",
					"salesforce.streaming.auth.client-id=my-client-id", "salesforce.streaming.startup.auto-startup=false");
		runner.withPropertyValues("salesforce.streaming.auth.client-secret=s3cr3t-client")
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(ClientCredentialsTokenProvider.class));
		runner.withPropertyValues("salesforce.streaming.auth.refresh-token=r3fresh")
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(RefreshTokenTokenProvider.class));
		Path key = directory.resolve("key.pem");
		Files.writeString(key, pkcs8Pem(), StandardCharsets.US_ASCII);
		runner.withPropertyValues("salesforce.streaming.auth.username=user@example.com",
				"salesforce.streaming.auth.private-key=file:" + key)
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(JwtBearerTokenProvider.class));
		runner.withPropertyValues("salesforce.streaming.auth.grant-type=client-credentials",
				"salesforce.streaming.auth.client-secret=s3cr3t-client",
				"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pa55word")
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(ClientCredentialsTokenProvider.class));
	}

	@Test
	void noCredentialsFailsNamingTheGrantType() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class))
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.auth.grant-type"));
	}

	@Test
	void missingCredentialFailsNamingItWithoutShowingSecrets() {
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.username=").run((context) -> {
			assertInvalidProperty(context, "salesforce.streaming.auth.username");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("password grant");
		});
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.client-secret=").run((context) -> {
			assertInvalidProperty(context, "salesforce.streaming.auth.client-secret");
			assertNoSecrets(context.getStartupFailure());
		});
	}

	@Test
	void badPrivateKeyFailsNamingTheProperty(@TempDir Path directory) throws Exception {
		Path key = directory.resolve("key.pem");
		Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
				"salesforce.streaming.auth.private-key=file:" + key)
			.run((context) -> {
				assertInvalidProperty(context, "salesforce.streaming.auth.private-key");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("PKCS#8");
			});
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
				"salesforce.streaming.auth.private-key=file:" + directory.resolve("missing.pem"))
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.auth.private-key"));
	}

	@Test
	void keyTextPastedIntoThePropertyIsNeverShown() {
		String keyText = "-----BEGIN PRIVATE KEY-----MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7secretKeyMaterial"
				+ "-----END PRIVATE KEY-----";
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
				"salesforce.streaming.auth.private-key=" + keyText)
			.run((context) -> {
				assertInvalidProperty(context, "salesforce.streaming.auth.private-key");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("file:/run/secrets/key.pem");
				Throwable failure = context.getStartupFailure();
				while (failure != null) {
					assertThat(failure.getMessage()).doesNotContain("secretKeyMaterial");
					failure = failure.getCause();
				}
			});
	}

	@Test
	void keyPastedIntoThePropertyIsNeverShownWhateverItsForm() throws Exception {
		String pem = pkcs8Pem();
		String der = pem.lines().filter((line) -> !line.startsWith("-----")).collect(Collectors.joining());
		Map<String, String> forms = new LinkedHashMap<>();
		forms.put(der, "a key without its PEM armour");
		forms.put(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)),
				"base64-encoded PEM text");
		forms.put(pem.replace("\n", "\r\n"), "a PKCS#8 PEM RSA private key");
		forms.put(pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"), "a PKCS#1 key");
		forms.forEach((keyText, problem) -> this.contextRunner
			.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
					"salesforce.streaming.auth.private-key=" + keyText)
			.run((context) -> {
				assertInvalidProperty(context, "salesforce.streaming.auth.private-key");
				assertThat(context.getStartupFailure()).hasStackTraceContaining(problem)
					.hasStackTraceContaining("not the location of a key")
					.hasStackTraceContaining("file:/run/secrets/key.pem");
				assertKeyNotShown(trace(context.getStartupFailure()), keyText);
			}));
	}

	@Test
	void badPrivateKeyFileSaysWhatIsWrongWithoutShowingIt(@TempDir Path directory) throws Exception {
		String pem = pkcs8Pem();
		String der = pem.lines().filter((line) -> !line.startsWith("-----")).collect(Collectors.joining());
		Map<String, String> files = new LinkedHashMap<>();
		files.put(der, "holds a key without its PEM armour");
		files.put(Base64.getMimeEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)),
				"holds base64-encoded PEM text");
		files.put(pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"), "holds a PKCS#1 key");
		files.put(pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), "holds an encrypted key");
		files.put(pem.replace("PRIVATE KEY", "CERTIFICATE"), "holds a certificate or a public key");
		files.put(pem.substring(0, pem.length() / 2), "the -----END PRIVATE KEY----- line is missing");
		files.put("", "holds nothing");
		int n = 0;
		for (Map.Entry<String, String> file : files.entrySet()) {
			Path key = directory.resolve("key" + n++ + ".pem");
			Files.writeString(key, file.getKey(), StandardCharsets.US_ASCII);
			this.contextRunner
				.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
						"salesforce.streaming.auth.private-key=file:" + key)
				.run((context) -> {
					assertInvalidProperty(context, "salesforce.streaming.auth.private-key");
					assertThat(context.getStartupFailure()).hasStackTraceContaining(file.getValue())
						.hasStackTraceContaining(key.toString());
					assertKeyNotShown(trace(context.getStartupFailure()), file.getKey());
				});
		}
	}

	@Test
	void keyFileWithWindowsLineEndsIsRead(@TempDir Path directory) throws Exception {
		Path key = directory.resolve("key.pem");
		Files.writeString(key, pkcs8Pem().replace("\n", "\r\n"), StandardCharsets.US_ASCII);
		this.contextRunner
			.withPropertyValues("salesforce.streaming.auth.username=user@example.com",
					"salesforce.streaming.auth.grant-type=jwt-bearer",
					"salesforce.streaming.auth.private-key=file:" + key)
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(JwtBearerTokenProvider.class));
	}

	@Test
	void missingKeyFileIsNamed(@TempDir Path directory) {
		Path missing = directory.resolve("sales-force/run/secrets/kubernetes/io/serviceaccount/missing.pem");
		this.contextRunner
			.withPropertyValues("salesforce.streaming.auth.grant-type=jwt-bearer",
					"salesforce.streaming.auth.private-key=file:" + missing)
			.run((context) -> {
				assertInvalidProperty(context, "salesforce.streaming.auth.private-key");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("cannot be read")
					.hasStackTraceContaining(missing.toString());
			});
	}

	@Test
	void badPropertiesFailNamingTheProperty() {
		assertInvalid("salesforce.streaming.login-url=http://example.com", "salesforce.streaming.login-url");
		assertInvalid("salesforce.streaming.login-url=not a url", "salesforce.streaming.login-url");
		assertInvalid("salesforce.streaming.api-version=abc", "salesforce.streaming.api-version");
		assertInvalid("salesforce.streaming.api-version=30.0", "salesforce.streaming.api-version");
		assertInvalid("salesforce.streaming.backoff.initial=0s", "salesforce.streaming.backoff.initial");
		assertInvalid("salesforce.streaming.backoff.max=10ms", "salesforce.streaming.backoff.max");
		assertInvalid("salesforce.streaming.long-poll-timeout-margin=-1s",
				"salesforce.streaming.long-poll-timeout-margin");
		assertInvalid("salesforce.streaming.max-message-size=10B", "salesforce.streaming.max-message-size");
		assertInvalid("salesforce.streaming.buffer-size=0", "salesforce.streaming.buffer-size");
		assertInvalid("salesforce.streaming.shutdown-timeout=-1s", "salesforce.streaming.shutdown-timeout");
		assertInvalid("salesforce.streaming.listener.concurrency=0", "salesforce.streaming.listener.concurrency");
		assertInvalid("salesforce.streaming.listener.retry.max-retries=-1",
				"salesforce.streaming.listener.retry.max-retries");
		// the deprecated name, bound to max-retries
		assertInvalid("salesforce.streaming.listener.retry.max-attempts=0",
				"salesforce.streaming.listener.retry.max-retries");
		assertInvalid("salesforce.streaming.listener.batch.max-size=0", "salesforce.streaming.listener.batch.max-size");
		assertInvalid("salesforce.streaming.listener.retry.multiplier=0.5",
				"salesforce.streaming.listener.retry.multiplier");
		assertInvalid("salesforce.streaming.proxy.host=proxy.example.com", "salesforce.streaming.proxy.port",
				"salesforce.streaming.proxy.port=0");
		assertInvalid("salesforce.streaming.ssl.bundle=nope", "salesforce.streaming.ssl.bundle");
	}

	@Test
	void replayStoreJdbcWithoutDataSourceFailsNamingTheProperty() {
		assertInvalid("salesforce.streaming.replay.store=jdbc", "salesforce.streaming.replay.store");
	}

	@Test
	void proxyIsAccepted() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.proxy.host=127.0.0.1", "salesforce.streaming.proxy.port=3128",
					"salesforce.streaming.proxy.username=proxy-user", "salesforce.streaming.proxy.password=pr0xy-pw")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SalesforceStreamingClient.class));
	}

	@Test
	void propertiesHaveNoToStringThatCouldShowASecret() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.auth.refresh-token=r3fresh",
					"salesforce.streaming.auth.private-key=classpath:nothing.pem",
					"salesforce.streaming.proxy.password=pr0xy-pw", "salesforce.streaming.auth.grant-type=password")
			.run((context) -> {
				// Actuator's configprops endpoint, with its sanitizer, is the place to see the values.
				String text = context.getBean(SalesforceStreamingProperties.class).toString();
				assertThat(text).doesNotContain("s3cr3t-client", "pa55word", "t0ken-123", "r3fresh", "pr0xy-pw",
						"nothing.pem");
			});
	}

	@Test
	void connectionDetailsComeFromThePropertiesWhenNoBeanExists() {
		this.contextRunner.run((context) -> {
			SalesforceStreamingConnectionDetails details = context.getBean(SalesforceStreamingConnectionDetails.class);
			assertThat(details).isInstanceOf(PropertiesSalesforceStreamingConnectionDetails.class);
			assertThat(details.getLoginUrl()).hasToString("http://127.0.0.1:1");
			assertThat(details.getClientId()).isEqualTo("my-client-id");
			assertThat(details.getSecurityToken()).isEqualTo("t0ken-123");
		});
	}

	@Test
	void aConnectionDetailsBeanIsPreferredToTheProperties() {
		// The properties' login URL is refused and their credentials are for the password grant: neither is used.
		this.contextRunner.withPropertyValues("salesforce.streaming.login-url=http://example.com")
			.withBean(SalesforceStreamingConnectionDetails.class, () -> new TestConnectionDetails(
					"http://localhost:1", "details-client", null, null, "details-refresh"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(PropertiesSalesforceStreamingConnectionDetails.class);
				assertThat(context).getBean(TokenProvider.class).isInstanceOf(RefreshTokenTokenProvider.class);
			});
		this.contextRunner.withPropertyValues("salesforce.streaming.auth.refresh-token=r3fresh")
			.withBean(SalesforceStreamingConnectionDetails.class,
					() -> new TestConnectionDetails("http://localhost:1", "c", "user@example.com", "pw", null))
			.run((context) -> assertThat(context).getBean(TokenProvider.class)
				.isInstanceOf(UsernamePasswordTokenProvider.class));
	}

	@Test
	void aConnectionDetailsBeanWithAPlainHttpLoginUrlToAnotherHostIsRefused() {
		this.contextRunner
			.withBean(SalesforceStreamingConnectionDetails.class,
					() -> new TestConnectionDetails("http://example.com", "c", "user@example.com", "pw", null))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("The login URL of " + TestConnectionDetails.class.getName())
				.hasMessageContaining("must use https"));
	}

	@Test
	void initializeSchemaTakesBootsDatabaseInitializationModes() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.replay.initialize-schema=always",
					"salesforce.streaming.cluster.initialize-schema=never")
			.run((context) -> {
				SalesforceStreamingProperties properties = context.getBean(SalesforceStreamingProperties.class);
				assertThat(properties.getReplay().getInitializeSchema()).isEqualTo(DatabaseInitializationMode.ALWAYS);
				assertThat(properties.getCluster().getInitializeSchema()).isEqualTo(DatabaseInitializationMode.NEVER);
			});
		this.contextRunner.run((context) -> assertThat(context.getBean(SalesforceStreamingProperties.class)
			.getReplay()
			.getInitializeSchema()).isEqualTo(DatabaseInitializationMode.EMBEDDED));
	}

	private record TestConnectionDetails(String url, String clientId, @Nullable String username,
			@Nullable String password, @Nullable String refreshToken) implements SalesforceStreamingConnectionDetails {

		@Override
		public URI getLoginUrl() {
			return URI.create(this.url);
		}

		@Override
		public String getClientId() {
			return this.clientId;
		}

		@Override
		public String getClientSecret() {
			return "details-secret";
		}

		@Override
		public @Nullable String getUsername() {
			return this.username;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

		@Override
		public @Nullable String getRefreshToken() {
			return this.refreshToken;
		}

	}

	private void assertInvalid(String property, String name, String... more) {
		this.contextRunner.withPropertyValues(property).withPropertyValues(more).run((context) -> {
			assertInvalidProperty(context, name);
			assertNoSecrets(context.getStartupFailure());
		});
	}

	private static void assertInvalidProperty(AssertableApplicationContext context, String name) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidConfigurationPropertyValueException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("InvalidConfigurationPropertyValueException in %s", context.getStartupFailure())
			.isNotNull();
		assertThat(((InvalidConfigurationPropertyValueException) failure).getName()).isEqualTo(name);
		assertThat(failure.getMessage()).contains(name);
	}

	private static void assertNoSecrets(Throwable failure) {
		java.io.StringWriter trace = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain("s3cr3t-client", "pa55word", "t0ken-123");
	}

	/** Asserts that no part of the key's base64 (its armour lines aside) is in the text, even cut across lines. */
	static void assertKeyNotShown(String text, String keyText) {
		String shown = text.replaceAll("\\s", "");
		String body = keyText.lines()
			.filter((line) -> !line.contains("-----"))
			.collect(Collectors.joining())
			.replaceAll("\\s", "");
		for (int i = 0; i + 20 <= body.length(); i += 20) {
			assertThat(shown).doesNotContain(body.substring(i, i + 20));
		}
	}

	static String trace(Throwable failure) {
		java.io.StringWriter trace = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(trace));
		return trace.toString();
	}

	static String pkcs8Pem() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded)
				+ "\n-----END PRIVATE KEY-----\n";
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final TokenProvider TOKEN_PROVIDER = new StaticTokenProvider("token",
				java.net.URI.create("http://127.0.0.1:1"));

		static final ReplayStore REPLAY_STORE = new InMemoryReplayStore();

		static final EventRecoverer RECOVERER = (event, cause) -> {
		};

		static final ListenerErrorHandler ERROR_HANDLER = new DefaultListenerErrorHandler();

		@Bean
		TokenProvider myTokenProvider() {
			return TOKEN_PROVIDER;
		}

		@Bean
		ReplayStore myReplayStore() {
			return REPLAY_STORE;
		}

		@Bean
		EventRecoverer myRecoverer() {
			return RECOVERER;
		}

		@Bean
		ListenerErrorHandler myErrorHandler() {
			return ERROR_HANDLER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSalesforceListeners
	static class OwnEnable {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnErrorHandlerListener {

		@Bean
		SalesforceListenerErrorHandler ordersErrorHandler() {
			return (event, exception) -> {
			};
		}

		@Bean
		OrdersListener ordersListener() {
			return new OrdersListener();
		}

		static class OrdersListener {

			@SalesforceListener(value = "/event/Order__e", errorHandler = "ordersErrorHandler")
			void onOrder(PlatformEvent event) {
			}

		}

	}

}
