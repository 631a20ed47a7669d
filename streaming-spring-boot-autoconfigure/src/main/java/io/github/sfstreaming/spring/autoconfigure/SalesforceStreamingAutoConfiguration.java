package io.github.sfstreaming.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.sfstreaming.auth.SecureUrls;
import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.client.StreamingClientListener;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.InvalidReplayIdPolicy;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Auth;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Replay;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.StoreType;
import io.github.sfstreaming.spring.event.StreamingApplicationEventPublisher;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.logging.MalformedEventLogger;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Salesforce
 * Streaming API client: the connection details (from the properties unless a
 * {@link SalesforceStreamingConnectionDetails} bean exists), the token provider, the replay store (in memory unless
 * {@link SalesforceStreamingJdbcReplayStoreAutoConfiguration} provided a JDBC one), the client, the
 * lifecycle that starts and stops it (unless cluster mode leaves that to the elected leader), the publisher of
 * application events and the log of malformed events. Their threads come from {@link SalesforceStreamingThreads}:
 * virtual when {@code spring.threads.virtual.enabled}, with the application's task decorators.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass({ SalesforceStreamingClient.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "salesforce.streaming.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SalesforceStreamingProperties.class)
@Import({ SalesforceListenerAnnotationDrivenConfiguration.class, SalesforceStreamingThreadsConfiguration.class })
public final class SalesforceStreamingAutoConfiguration implements BeanClassLoaderAware {

	private static final String CLUSTER_LOCK_REGISTRY_CLASS = "org.springframework.integration.jdbc.lock."
			+ "JdbcLockRegistry";

	private final SalesforceStreamingProperties properties;

	private @Nullable ClassLoader classLoader;

	SalesforceStreamingAutoConfiguration(SalesforceStreamingProperties properties) {
		this.properties = properties;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Bean
	@ConditionalOnMissingBean(SalesforceStreamingConnectionDetails.class)
	PropertiesSalesforceStreamingConnectionDetails salesforceStreamingConnectionDetails() {
		return new PropertiesSalesforceStreamingConnectionDetails(this.properties);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenProvider salesforceStreamingTokenProvider(SalesforceStreamingConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles) {
		WebClient.Builder builder = webClientBuilder(webClientBuilder, sslBundles);
		if (connectionDetails instanceof PropertiesSalesforceStreamingConnectionDetails fromProperties) {
			return TokenProviderFactory.create(fromProperties.getAuth(), fromProperties.getLoginUrl(), builder);
		}
		URI loginUrl = SecureUrls.requireSecure(connectionDetails.getLoginUrl(),
				"The login URL of " + connectionDetails.getClass().getName());
		return TokenProviderFactory.create(auth(connectionDetails), loginUrl, builder);
	}

	@Bean
	@ConditionalOnMissingBean
	ReplayStore salesforceStreamingReplayStore() {
		if (this.properties.getReplay().getStore() == StoreType.JDBC) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.replay.store", "jdbc",
					"The JDBC replay store needs spring-data-jdbc on the class path and a single DataSource bean");
		}
		return new InMemoryReplayStore();
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceStreamingClient salesforceStreamingClient(TokenProvider tokenProvider, ReplayStore replayStore,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<StreamingClientListener> listeners,
			ObjectProvider<SalesforceStreamingClientBuilderCustomizer> customizers, SalesforceStreamingThreads threads) {
		PropertiesValidator.validateClient(this.properties);
		Replay replay = this.properties.getReplay();
		SalesforceStreamingClient.Builder builder = SalesforceStreamingClient.builder()
			.tokenProvider(tokenProvider)
			.apiVersion(this.properties.getApiVersion())
			.webClientBuilder(webClientBuilder(webClientBuilder, sslBundles))
			.replayStore(replayStore)
			.defaultReplay(switch (replay.getDefault()) {
				case NEW -> ReplayPosition.NEW_EVENTS;
				case ALL -> ReplayPosition.ALL_EVENTS;
			})
			.invalidReplayIdPolicy(switch (replay.getOnInvalidId()) {
				case FAIL -> InvalidReplayIdPolicy.FAIL;
				case NEW -> InvalidReplayIdPolicy.NEW_EVENTS;
				case ALL -> InvalidReplayIdPolicy.ALL_EVENTS;
			})
			.backoff(this.properties.getBackoff().getInitial(), this.properties.getBackoff().getMax())
			.longPollTimeoutMargin(this.properties.getLongPollTimeoutMargin())
			.maxMessageSize((int) this.properties.getMaxMessageSize().toBytes())
			.bufferSize(this.properties.getBufferSize())
			.handlerConcurrency(this.properties.getListener().getConcurrency())
			.shutdownTimeout(this.properties.getShutdownTimeout());
		ThreadFactory threadFactory = threads.getClientThreadFactory();
		if (threadFactory != null) {
			builder.threadFactory(threadFactory);
		}
		TaskDecorator taskDecorator = threads.getTaskDecorator();
		if (taskDecorator != null) {
			builder.taskDecorator(taskDecorator);
		}
		listeners.orderedStream().forEach(builder::listener);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceStreamingLifecycle salesforceStreamingLifecycle(SalesforceStreamingClient client) {
		SalesforceStreamingLifecycle lifecycle = new SalesforceStreamingLifecycle(client,
				this.properties.getStartup().getFailurePolicy(), this.properties.getStartup().getTimeout());
		lifecycle.setAutoStartup(!clusterMode() && this.properties.getStartup().isAutoStartup());
		return lifecycle;
	}

	@Bean
	@ConditionalOnMissingBean
	StreamingApplicationEventPublisher salesforceStreamingApplicationEventPublisher(
			ApplicationEventPublisher applicationEventPublisher, ObjectProvider<SalesforceStreamingClient> client,
			SalesforceStreamingThreads threads) {
		Duration idleEventInterval = this.properties.getIdleEventInterval();
		if (idleEventInterval != null && (idleEventInterval.isZero() || idleEventInterval.isNegative())) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.idle-event-interval",
					idleEventInterval, "Must be positive");
		}
		return new StreamingApplicationEventPublisher(applicationEventPublisher, client::getIfUnique,
				idleEventInterval, (idleEventInterval != null) ? threads.scheduler("idle") : null);
	}

	@Bean
	@ConditionalOnMissingBean
	MalformedEventLogger salesforceStreamingMalformedEventLogger() {
		return new MalformedEventLogger();
	}

	/**
	 * Whether cluster mode is on: the lifecycle then waits for leadership instead of starting with the context.
	 * Fails if it is on without Spring Integration's JDBC lock registry, rather than run every instance.
	 */
	private boolean clusterMode() {
		if (!this.properties.getCluster().isEnabled()) {
			return false;
		}
		if (!ClassUtils.isPresent(CLUSTER_LOCK_REGISTRY_CLASS, this.classLoader)) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.cluster.enabled", true,
					"Cluster mode needs spring-integration-jdbc on the class path and a DataSource");
		}
		return true;
	}

	/**
	 * The credentials of connection details that are not the properties, as the factory takes them: the grant is
	 * inferred from them alone, not from {@code salesforce.streaming.auth.*}.
	 */
	private static Auth auth(SalesforceStreamingConnectionDetails connectionDetails) {
		Auth auth = new Auth();
		auth.setClientId(connectionDetails.getClientId());
		auth.setClientSecret(connectionDetails.getClientSecret());
		auth.setUsername(connectionDetails.getUsername());
		auth.setPassword(connectionDetails.getPassword());
		auth.setSecurityToken(connectionDetails.getSecurityToken());
		auth.setRefreshToken(connectionDetails.getRefreshToken());
		return auth;
	}

	private WebClient.Builder webClientBuilder(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<SslBundles> sslBundles) {
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		return new HttpConnectorConfigurer(this.properties, sslBundles.getIfAvailable()).configure(builder);
	}

}
