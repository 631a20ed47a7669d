package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.publish.EventPublisher;
import io.github.sfstreaming.publish.PublishObservationConvention;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Transport;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPublishProperties.PublishTransport;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@link SalesforceStreamingTemplate} that publishes platform events and pushes to generic streaming channels,
 * with the streaming client's {@link TokenProvider}, API version, proxy and SSL bundle. Backs off when the
 * application defines its own {@link SalesforceStreamingOperations}. A single {@link EventPublisher} bean (another
 * transport of platform events) replaces the REST API for platform events: with
 * {@code salesforce.streaming.transport=pubsub} that is the Pub/Sub API's publisher, unless
 * {@code salesforce.streaming.publish.transport=rest}. Boot's {@code applicationTaskExecutor} runs the asynchronous
 * methods when there is one.
 */
@AutoConfiguration(after = SalesforceStreamingAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration" })
@ConditionalOnClass({ SalesforceStreamingTemplate.class, WebClient.class })
@ConditionalOnBean(TokenProvider.class)
@ConditionalOnBooleanProperty(name = "salesforce.streaming.publish.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SalesforceStreamingProperties.class, SalesforceStreamingPublishProperties.class })
public final class SalesforceStreamingTemplateAutoConfiguration {

	private static final String PREFIX = "salesforce.streaming.publish.";

	@Bean
	@ConditionalOnMissingBean(SalesforceStreamingOperations.class)
	SalesforceStreamingTemplate salesforceStreamingTemplate(TokenProvider tokenProvider,
			SalesforceStreamingProperties properties, SalesforceStreamingPublishProperties publish,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<PublishObservationConvention> observationConvention,
			ObjectProvider<EventPublisher> eventPublisher,
			@Qualifier("applicationTaskExecutor") ObjectProvider<Executor> applicationTaskExecutor) {
		validate(publish, properties);
		WebClient.Builder builder = new HttpConnectorConfigurer(properties, sslBundles.getIfAvailable())
			.configure(webClientBuilder.getIfAvailable(WebClient::builder));
		RetryProperties retry = publish.getRetry();
		SalesforceStreamingTemplate.Builder template = SalesforceStreamingTemplate.builder();
		eventPublisher.ifUnique(template::eventPublisher);
		applicationTaskExecutor.ifUnique(template::executor);
		return template.tokenProvider(tokenProvider)
			.webClientBuilder(builder)
			.apiVersion(properties.getApiVersion())
			.jsonMapper(jsonMapper.getIfUnique(JsonMapper::shared))
			.allOrNone(publish.isAllOrNone())
			.batchSize(publish.getBatchSize())
			.timeout(publish.getTimeout())
			.retryPolicy(SalesforceStreamingTemplate.retryPolicy((int) Math.min(Integer.MAX_VALUE, retry.getMaxRetries() + 1),
					retry.getDelay(), retry.getMultiplier(), retry.getMaxDelay()))
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.build();
	}

	private static void validate(SalesforceStreamingPublishProperties publish, SalesforceStreamingProperties properties) {
		if (publish.getTransport() == PublishTransport.PUBSUB && properties.getTransport() != Transport.PUBSUB) {
			// The publisher shares the Pub/Sub transport's gRPC channel, org id and settings.
			throw new InvalidConfigurationPropertyValueException(PREFIX + "transport", "pubsub",
					"Publishing over the Pub/Sub API uses the Pub/Sub transport's connection: set "
							+ "'salesforce.streaming.transport' to 'pubsub' too, or leave " + PREFIX
							+ "transport unset to publish over the REST API");
		}
		if (publish.getBatchSize() < 1 || publish.getBatchSize() > 200) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "batch-size", publish.getBatchSize(),
					"Must be between 1 and 200 (Salesforce's limit per sObject Collections request)");
		}
		positive("timeout", publish.getTimeout());
		RetryProperties retry = publish.getRetry();
		if (retry.getMaxRetries() < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "retry.max-retries",
					retry.getMaxRetries(), "Must not be negative (0: no retry)");
		}
		if (retry.getMultiplier() < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "retry.multiplier", retry.getMultiplier(),
					"Must be at least 1");
		}
		if (retry.getDelay() == null || retry.getDelay().isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "retry.delay", retry.getDelay(),
					"Must not be negative");
		}
		positive("retry.max-delay", retry.getMaxDelay());
	}

	private static void positive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, "Must be positive");
		}
	}

}
