package io.github.sfstreaming.spring.autoconfigure.pubsub;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingAutoConfiguration;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubProperties;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Pub/Sub API
 * transport, when {@code salesforce.streaming.transport=pubsub}: the gRPC channel to
 * {@code salesforce.streaming.pubsub.host:port} (TLS with the SSL bundle, through the proxy), the
 * {@code PubSubTransport} plugged into the auto-configured client, the {@code PubSubEventPublisher} that the
 * auto-configured template publishes platform events with, and the start-up checks of the org id, the replay
 * store and the listeners' channels. Without the {@code streaming-pubsub} module on the class path, the
 * client refuses to be built, naming the dependency to add.
 */
@AutoConfiguration(after = SalesforceStreamingAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(SalesforceStreamingClient.class)
@ConditionalOnBooleanProperty(name = "salesforce.streaming.enabled", matchIfMissing = true)
@Conditional(OnPubSubTransportCondition.class)
@EnableConfigurationProperties({ SalesforceStreamingProperties.class, SalesforceStreamingPubSubProperties.class })
@Import({ PubSubTransportConfiguration.class, PubSubPublishConfiguration.class,
		PubSubModuleMissingConfiguration.class })
public final class SalesforceStreamingPubSubAutoConfiguration {

}
