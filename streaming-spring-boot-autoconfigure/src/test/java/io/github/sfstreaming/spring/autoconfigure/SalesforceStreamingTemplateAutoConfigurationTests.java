package io.github.sfstreaming.spring.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.sfstreaming.publish.EventPublisher;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.PushResult;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SalesforceStreamingTemplateAutoConfiguration}.
 */
class SalesforceStreamingTemplateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
				SalesforceStreamingTemplateAutoConfiguration.class, WebClientAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT);

	@Test
	void theTemplateIsConfiguredFromTheStreamingConnection() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SalesforceStreamingTemplate.class);
			assertThat(context).hasBean("salesforceStreamingTemplate");
		});
	}

	@Test
	void anApplicationsOwnOperationsReplaceTheTemplate() {
		this.contextRunner.withUserConfiguration(OwnOperations.class).run((context) -> {
			assertThat(context).hasSingleBean(SalesforceStreamingOperations.class);
			assertThat(context).doesNotHaveBean(SalesforceStreamingTemplate.class);
		});
	}

	@Test
	void anEventPublisherBeanCarriesThePlatformEvents() {
		this.contextRunner.withUserConfiguration(OwnTransport.class).run((context) -> {
			SalesforceStreamingTemplate template = context.getBean(SalesforceStreamingTemplate.class);
			PublishResult result = template.publish("/event/Order__e", Map.of("A__c", 1));
			assertThat(result.id()).isEqualTo("via-own-transport");
		});
	}

	@Test
	void publishEnabledFalseLeavesTheTemplateOut() {
		this.contextRunner.withPropertyValues("salesforce.streaming.publish.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingOperations.class));
	}

	@Test
	void withoutATokenProviderThereIsNoTemplate() {
		this.contextRunner.withPropertyValues("salesforce.streaming.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SalesforceStreamingOperations.class));
	}

	@Test
	void badValuesNameTheProperty() {
		assertFailsNaming("salesforce.streaming.publish.batch-size=201", "salesforce.streaming.publish.batch-size");
		assertFailsNaming("salesforce.streaming.publish.batch-size=0", "salesforce.streaming.publish.batch-size");
		assertFailsNaming("salesforce.streaming.publish.timeout=0s", "salesforce.streaming.publish.timeout");
		assertFailsNaming("salesforce.streaming.publish.retry.max-retries=-1",
				"salesforce.streaming.publish.retry.max-retries");
		assertFailsNaming("salesforce.streaming.publish.retry.multiplier=0.5",
				"salesforce.streaming.publish.retry.multiplier");
	}

	private void assertFailsNaming(String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name);
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

	@Configuration(proxyBeanMethods = false)
	static class OwnOperations {

		@Bean
		SalesforceStreamingOperations myOperations() {
			return new SalesforceStreamingOperations() {

				@Override
				public PublishResult publish(String channel, Object event) {
					throw new UnsupportedOperationException();
				}

				@Override
				public List<PublishResult> publishAll(String channel, Collection<?> events) {
					throw new UnsupportedOperationException();
				}

				@Override
				public PushResult push(String channel, String payload) {
					throw new UnsupportedOperationException();
				}

				@Override
				public PushResult push(String channel, String payload, Collection<String> userIds) {
					throw new UnsupportedOperationException();
				}

				@Override
				public CompletableFuture<PublishResult> publishAsync(String channel, Object event) {
					throw new UnsupportedOperationException();
				}

				@Override
				public CompletableFuture<List<PublishResult>> publishAllAsync(String channel, Collection<?> events) {
					throw new UnsupportedOperationException();
				}

				@Override
				public CompletableFuture<PushResult> pushAsync(String channel, String payload,
						Collection<String> userIds) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
