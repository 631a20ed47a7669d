package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.pubsub.PubSubSubscriberSettings;
import io.github.sfstreaming.pubsub.PubSubTransport;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;
import io.github.sfstreaming.spring.autoconfigure.pubsub.SalesforceStreamingPubSubAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.pubsub.SalesforceStreamingPubSubChannelBuilderCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link SalesforceStreamingPubSubAutoConfiguration}: which beans {@code transport=pubsub} brings, what the
 * properties become, and the start-up errors, as {@link SalesforceStreamingTransportFailureAnalyzer} reports them.
 */
class SalesforceStreamingPubSubAutoConfigurationTests {

	private static final String ORG_ID = "00D000000000001AAA";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
				SalesforceStreamingPubSubAutoConfiguration.class, WebClientAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT);

	private final ApplicationContextRunner pubSub = this.contextRunner.withPropertyValues(
			"salesforce.streaming.transport=pubsub", "salesforce.streaming.pubsub.org-id=" + ORG_ID);

	@Test
	void cometdIsTheDefaultAndBringsNoGrpc() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SalesforceStreamingProperties.class).getTransport())
				.isEqualTo(SalesforceStreamingProperties.Transport.COMETD);
			assertThat(context).doesNotHaveBean(ManagedChannel.class).doesNotHaveBean(PubSubTransport.class);
			// a CometD client takes every channel kind
			context.getBean(SalesforceStreamingClient.class).subscribe("/topic/Invoices", (event) -> {
			});
		});
	}

	@Test
	void pubsubPlugsTheTransportIntoTheClientAndShutsTheChannelDownWithTheContext() {
		ManagedChannel[] channel = new ManagedChannel[1];
		this.pubSub.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ManagedChannel.class).hasSingleBean(PubSubTransport.class);
			channel[0] = context.getBean(ManagedChannel.class);
			assertThat(channel[0].authority()).isEqualTo("api.pubsub.salesforce.com:7443");
			assertThat(context.getBean(SalesforceStreamingPubSubConnectionDetails.class))
				.isInstanceOf(PropertiesSalesforceStreamingPubSubConnectionDetails.class);
			SalesforceStreamingClient client = context.getBean(SalesforceStreamingClient.class);
			// the client's transport is Pub/Sub's: it refuses what only CometD carries
			assertThatIllegalArgumentException().isThrownBy(() -> client.subscribe("/topic/Invoices", (event) -> {
			})).withMessageContaining("salesforce.streaming.transport=cometd");
			client.subscribe("/event/Order__e", (event) -> {
			});
			assertThat(channel[0].isShutdown()).isFalse();
		});
		assertThat(channel[0].isShutdown()).isTrue();
	}

	@Test
	void theTransportPropertyBindsAsAnEnum() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.transport=PUBSUB",
					"salesforce.streaming.pubsub.org-id=" + ORG_ID)
			.run((context) -> assertThat(context).hasSingleBean(PubSubTransport.class));
	}

	@Test
	void propertiesShapeTheSubscribersAndTheSharedBackOff() {
		this.pubSub
			.withPropertyValues("salesforce.streaming.pubsub.max-credit=20",
					"salesforce.streaming.pubsub.keep-alive-timeout=30s",
					"salesforce.streaming.pubsub.limit-back-off=1m", "salesforce.streaming.backoff.initial=2s",
					"salesforce.streaming.backoff.max=20s", "salesforce.streaming.pubsub.host=pubsub.example.com",
					"salesforce.streaming.pubsub.port=443")
			.run((context) -> {
				PubSubSubscriberSettings settings = context.getBean(PubSubTransport.class).settings();
				assertThat(settings.maxCredit()).isEqualTo(20);
				assertThat(settings.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.limitBackOff()).isEqualTo(Duration.ofMinutes(1));
				assertThat(settings.initialBackOff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.maxBackOff()).isEqualTo(Duration.ofSeconds(20));
				assertThat(context.getBean(ManagedChannel.class).authority()).isEqualTo("pubsub.example.com:443");
			});
		SalesforceStreamingPubSubProperties defaults = new SalesforceStreamingPubSubProperties();
		PubSubSubscriberSettings transportDefaults = PubSubSubscriberSettings.defaults();
		assertThat(defaults.getMaxCredit()).isEqualTo(transportDefaults.maxCredit());
		assertThat(defaults.getKeepAliveTimeout()).isEqualTo(transportDefaults.keepAliveTimeout());
		assertThat(defaults.getLimitBackOff()).isEqualTo(transportDefaults.limitBackOff());
		assertThat(defaults.isPlaintext()).isFalse();
	}

	@Test
	void theOrgIdIsOptionalSinceEachLoginTellsIt() {
		this.contextRunner.withPropertyValues("salesforce.streaming.transport=pubsub")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PubSubTransport.class));
	}

	@Test
	void aMalformedOrgIdIsAnInvalidProperty() {
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.org-id=001000000000001AAA")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.org-id", "00D"));
	}

	@Test
	void creditAndDurationsOutOfRangeAreInvalidProperties() {
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.max-credit=101")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.max-credit", "100"));
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.max-credit=0")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.max-credit", "1"));
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.keep-alive-timeout=0s")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.keep-alive-timeout",
					"positive"));
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.port=0")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.port", "65535"));
	}

	@Test
	void plaintextIsAllowedToThisMachineOnly() {
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.plaintext=true",
				"salesforce.streaming.pubsub.host=api.pubsub.salesforce.com")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.plaintext",
					"only to this machine"));
		for (String host : List.of("localhost", "127.0.0.1", "::1")) {
			this.pubSub
				.withPropertyValues("salesforce.streaming.pubsub.plaintext=true",
						"salesforce.streaming.pubsub.host=" + host)
				.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ManagedChannel.class));
		}
		this.pubSub
			.withPropertyValues("salesforce.streaming.pubsub.plaintext=true",
					"salesforce.streaming.pubsub.host=localhost", "salesforce.streaming.pubsub.ssl.bundle=salesforce")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.ssl.bundle", "plaintext"));
	}

	@Test
	void anUnknownSslBundleNamesThePropertyItCameFrom() {
		this.pubSub.withPropertyValues("salesforce.streaming.pubsub.ssl.bundle=nope")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.pubsub.ssl.bundle",
					"spring.ssl.bundle"));
		// the CometD side's bundle is the default; the client's WebClient fails on it too, naming the same property
		this.pubSub.withPropertyValues("salesforce.streaming.ssl.bundle=nope")
			.run((context) -> assertInvalidProperty(context, "salesforce.streaming.ssl.bundle", "spring.ssl.bundle"));
	}

	@Test
	void channelBuilderCustomizersApply() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.pubSub
			.withBean(SalesforceStreamingPubSubChannelBuilderCustomizer.class,
					() -> (builder) -> calls.add(builder.getClass().getSimpleName()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(calls).containsExactly("NettyChannelBuilder");
			});
	}

	@Test
	void withoutStreamingPubsubOnTheClassPathTheClientIsNotBuiltOverCometd() {
		this.pubSub.withClassLoader(new FilteredClassLoader(PubSubTransport.class)).run((context) -> {
			FailureAnalysis analysis = analysis(context, Problem.MODULE_MISSING);
			assertThat(analysis.getDescription()).contains("'salesforce.streaming.transport' is pubsub")
				.contains("streaming-pubsub");
			assertThat(analysis.getAction()).contains("io.github.sfstreaming:streaming-pubsub")
				.contains("'salesforce.streaming.transport' to 'cometd'");
		});
		this.contextRunner.withClassLoader(new FilteredClassLoader(PubSubTransport.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SalesforceStreamingClient.class));
	}

	@Test
	void aReplayStoreThatCannotKeepOpaqueIdsFailsTheStart() {
		this.pubSub.withBean(ReplayStore.class, NumericOnlyStore::new).run((context) -> {
			FailureAnalysis analysis = analysis(context, Problem.REPLAY_STORE_FORMAT);
			assertThat(analysis.getDescription()).contains(NumericOnlyStore.class.getName()).contains("[NUMERIC]");
			assertThat(analysis.getAction()).contains("'salesforce.streaming.replay.store' to 'memory'");
		});
	}

	@Test
	void aPushTopicOrGenericListenerFailsTheStartNamingTheMethodAndTheProperty() {
		this.pubSub.withUserConfiguration(PushTopicListenerConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analysis(context, Problem.CHANNEL_NOT_CARRIED);
			assertThat(analysis.getDescription())
				.contains("@SalesforceListener method InvoiceListener.onInvoice(..)")
				.contains("/topic/Invoices")
				.contains("'salesforce.streaming.transport' is pubsub");
			assertThat(analysis.getAction()).contains("'salesforce.streaming.transport' to 'cometd'");
		});
		this.pubSub.withUserConfiguration(GenericListenerConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analysis(context, Problem.CHANNEL_NOT_CARRIED);
			assertThat(analysis.getDescription()).contains("NotificationListener.onNotification(..)")
				.contains("/u/Notifications");
		});
		// the same listener is fine over CometD
		this.contextRunner.withUserConfiguration(PushTopicListenerConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void offWhenStreamingIsDisabled() {
		this.pubSub.withPropertyValues("salesforce.streaming.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ManagedChannel.class));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context, Problem problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		assertThat(rootCause(failure)).isInstanceOf(SalesforceStreamingTransportException.class);
		SalesforceStreamingTransportException cause = (SalesforceStreamingTransportException) rootCause(failure);
		assertThat(cause.getProblem()).isEqualTo(problem);
		FailureAnalysis analysis = new SalesforceStreamingTransportFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static void assertInvalidProperty(AssertableApplicationContext context, String name, String reason) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		assertThat(rootCause(failure)).isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
				(invalid) -> {
					assertThat(invalid.getName()).isEqualTo(name);
					assertThat(invalid.getReason()).contains(reason);
				});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** A store written before opaque ids: CometD's numbers only. */
	static class NumericOnlyStore implements ReplayStore {

		@Override
		public void store(String channel, long replayId, @Nullable Instant eventTime) {
		}

		@Override
		public Optional<ReplayPosition> lastReplayId(String channel) {
			return Optional.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PushTopicListenerConfiguration {

		@Bean
		InvoiceListener invoiceListener() {
			return new InvoiceListener();
		}

	}

	static class InvoiceListener {

		@SalesforceListener("/topic/Invoices")
		void onInvoice(String invoice) {
		}

		@SalesforceListener("/event/Order__e")
		void onOrder(String order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GenericListenerConfiguration {

		@Bean
		NotificationListener notificationListener() {
			return new NotificationListener();
		}

	}

	static class NotificationListener {

		@SalesforceListener("/u/Notifications")
		void onNotification(String notification) {
		}

	}

}
