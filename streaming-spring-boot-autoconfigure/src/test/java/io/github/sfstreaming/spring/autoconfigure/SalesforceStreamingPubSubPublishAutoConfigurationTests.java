package io.github.sfstreaming.spring.autoconfigure;

import java.util.List;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

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
import org.springframework.test.util.ReflectionTestUtils;

import io.github.sfstreaming.publish.EventPublisher;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;
import io.github.sfstreaming.pubsub.PubSubEventPublisher;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingTransportException.Problem;
import io.github.sfstreaming.spring.autoconfigure.pubsub.SalesforceStreamingPubSubAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transport the auto-configured template publishes platform events over, by
 * {@code salesforce.streaming.transport} and {@code salesforce.streaming.publish.transport}, and the start-up
 * errors of the combinations that cannot work.
 */
class SalesforceStreamingPubSubPublishAutoConfigurationTests {

	private static final String ORG_ID = "00D000000000001AAA";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
				SalesforceStreamingPubSubAutoConfiguration.class, SalesforceStreamingTemplateAutoConfiguration.class,
				WebClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT);

	private final ApplicationContextRunner pubSub = this.contextRunner.withPropertyValues(
			"salesforce.streaming.transport=pubsub", "salesforce.streaming.pubsub.org-id=" + ORG_ID);

	/** The template's transport of platform events (the template does not expose it). */
	private static EventPublisher publisherOf(AssertableApplicationContext context) {
		return (EventPublisher) ReflectionTestUtils
			.getField(context.getBean(SalesforceStreamingTemplate.class), "eventPublisher");
	}

	@Test
	void underPubSubTheTemplatePublishesOverTheTransportsChannel() {
		this.pubSub.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PubSubEventPublisher.class);
			assertThat(publisherOf(context)).isSameAs(context.getBean(PubSubEventPublisher.class));
			assertThat(ReflectionTestUtils.getField(
					context.getBean(PubSubEventPublisher.class), "channel"))
				.isSameAs(context.getBean(ManagedChannel.class));
		});
	}

	@Test
	void underCometdTheTemplatePublishesOverRest() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PubSubEventPublisher.class);
			assertThat(publisherOf(context).getClass().getSimpleName()).isEqualTo("RestEventPublisher");
		});
	}

	@Test
	void publishTransportRestKeepsRestUnderPubSubAndAllowsAllOrNone() {
		this.pubSub
			.withPropertyValues("salesforce.streaming.publish.transport=rest",
					"salesforce.streaming.publish.all-or-none=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ManagedChannel.class);
				assertThat(context).doesNotHaveBean(PubSubEventPublisher.class);
				assertThat(publisherOf(context).getClass().getSimpleName()).isEqualTo("RestEventPublisher");
			});
	}

	@Test
	void publishTransportPubsubIsTheDefaultUnderPubSub() {
		this.pubSub.withPropertyValues("salesforce.streaming.publish.transport=PUBSUB")
			.run((context) -> assertThat(publisherOf(context)).isInstanceOf(PubSubEventPublisher.class));
	}

	@Test
	void anApplicationsOwnEventPublisherWinsOverPubSub() {
		this.pubSub.withUserConfiguration(OwnTransport.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PubSubEventPublisher.class);
			assertThat(publisherOf(context)).isSameAs(context.getBean(EventPublisher.class));
		});
	}

	@Test
	void anApplicationsOwnEventPublisherMayBeAllOrNone() {
		this.pubSub.withUserConfiguration(OwnTransport.class)
			.withPropertyValues("salesforce.streaming.publish.all-or-none=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void publishDisabledBringsNoPublisher() {
		this.pubSub.withPropertyValues("salesforce.streaming.publish.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PubSubEventPublisher.class)
				.doesNotHaveBean(SalesforceStreamingTemplate.class));
	}

	@Test
	void allOrNoneUnderPubSubFailsAtStartUpNamingBothProperties() {
		this.pubSub.withPropertyValues("salesforce.streaming.publish.all-or-none=true").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			Throwable root = failure;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			assertThat(root).isInstanceOfSatisfying(SalesforceStreamingTransportException.class,
					(ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.PUBLISH_ALL_OR_NONE));
			FailureAnalysis analysis = new SalesforceStreamingTransportFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'salesforce.streaming.publish.all-or-none' is true")
				.contains("'salesforce.streaming.transport' is pubsub");
			assertThat(analysis.getAction()).contains("'salesforce.streaming.publish.all-or-none' to false")
				.contains("'salesforce.streaming.publish.transport' to 'rest'");
		});
	}

	@Test
	void publishTransportPubsubUnderCometdFailsNamingBothProperties() {
		this.contextRunner.withPropertyValues("salesforce.streaming.publish.transport=pubsub").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("salesforce.streaming.publish.transport")
				.hasMessageContaining("'salesforce.streaming.transport' to 'pubsub'");
		});
	}

	@Test
	void aBadTimeoutNamesThePropertyWhicheverBeanComesFirst() {
		this.pubSub.withPropertyValues("salesforce.streaming.publish.timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("salesforce.streaming.publish.timeout");
		});
	}

	@Test
	void withoutStreamingPubsubTheModuleMissingErrorStaysTheOneReported() {
		this.pubSub.withClassLoader(new FilteredClassLoader("io.github.sfstreaming.pubsub.")).run((context) -> {
			assertThat(context).hasFailed();
			Throwable root = context.getStartupFailure();
			while (root.getCause() != null) {
				root = root.getCause();
			}
			assertThat(root).isInstanceOfSatisfying(SalesforceStreamingTransportException.class,
					(ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.MODULE_MISSING));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransport {

		@Bean
		EventPublisher ownTransport() {
			return new EventPublisher() {

				@Override
				public PublishResult publish(String eventType, ObjectNode event) {
					return new PublishResult(true, "via-own-transport", null, List.of());
				}

				@Override
				public List<PublishResult> publishBatch(String eventType, List<ObjectNode> events, boolean allOrNone) {
					return events.stream().map((event) -> publish(eventType, event)).toList();
				}

				@Override
				public int maxBatchSize() {
					return 100;
				}

			};
		}

	}

}
