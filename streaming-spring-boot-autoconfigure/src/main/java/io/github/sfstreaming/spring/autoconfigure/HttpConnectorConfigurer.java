package io.github.sfstreaming.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Proxy;

/**
 * Applies {@code salesforce.streaming.proxy.*} and {@code salesforce.streaming.ssl.bundle} to a
 * {@link WebClient.Builder}, through a Reactor Netty connector. Leaves the builder's connector alone when
 * neither is set.
 */
final class HttpConnectorConfigurer {

	private final Proxy proxy;

	private final @Nullable String sslBundle;

	private final @Nullable SslBundles sslBundles;

	HttpConnectorConfigurer(SalesforceStreamingProperties properties, @Nullable SslBundles sslBundles) {
		this.proxy = properties.getProxy();
		this.sslBundle = properties.getSsl().getBundle();
		this.sslBundles = sslBundles;
		if (this.proxy.getHost() != null && (this.proxy.getPort() < 1 || this.proxy.getPort() > 65535)) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.proxy.port",
					this.proxy.getPort(), "Must be between 1 and 65535");
		}
	}

	WebClient.Builder configure(WebClient.Builder builder) {
		if (this.proxy.getHost() == null && this.sslBundle == null) {
			return builder;
		}
		SslBundle bundle = sslBundle();
		HttpClientSettings settings = (bundle != null) ? HttpClientSettings.ofSslBundle(bundle)
				: HttpClientSettings.defaults();
		ReactorClientHttpConnectorBuilder connector = ClientHttpConnectorBuilder.reactor();
		String host = this.proxy.getHost();
		if (host != null) {
			connector = connector.withHttpClientCustomizer((client) -> client.proxy((spec) -> {
				ProxyProvider.Builder proxyBuilder = spec.type(ProxyProvider.Proxy.HTTP)
					.host(host)
					.port(this.proxy.getPort());
				String username = this.proxy.getUsername();
				String password = this.proxy.getPassword();
				if (username != null) {
					proxyBuilder.username(username).password((user) -> (password != null) ? password : "");
				}
			}));
		}
		return builder.clientConnector(connector.build(settings));
	}

	private @Nullable SslBundle sslBundle() {
		if (this.sslBundle == null) {
			return null;
		}
		if (this.sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.ssl.bundle", this.sslBundle,
					"No SslBundles bean is available");
		}
		try {
			return this.sslBundles.getBundle(this.sslBundle);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException("salesforce.streaming.ssl.bundle", this.sslBundle,
					"No SSL bundle of that name is configured under spring.ssl.bundle");
		}
	}

}
