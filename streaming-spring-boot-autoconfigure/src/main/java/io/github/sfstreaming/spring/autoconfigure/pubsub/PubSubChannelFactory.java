package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.github.sfstreaming.auth.SecureUrls;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubConnectionDetails;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPubSubProperties;

/**
 * Builds the gRPC channel to the Pub/Sub API from the connection details and the properties: TLS with the SSL
 * bundle's trust and key material, protocols and ciphers (Netty's TLS, as gRPC's generic credentials cannot take
 * protocols or ciphers), plaintext to this machine only, the HTTP proxy, and the largest response taken.
 */
final class PubSubChannelFactory {

	private static final String PREFIX = "salesforce.streaming.pubsub.";

	/** Salesforce's largest event. */
	private static final long EVENT_MAX_BYTES = 1024 * 1024;

	private final SalesforceStreamingPubSubConnectionDetails details;

	private final SalesforceStreamingProperties properties;

	private final SalesforceStreamingPubSubProperties pubSub;

	private final @Nullable SslBundles sslBundles;

	PubSubChannelFactory(SalesforceStreamingPubSubConnectionDetails details, SalesforceStreamingProperties properties,
			SalesforceStreamingPubSubProperties pubSub, @Nullable SslBundles sslBundles) {
		this.details = details;
		this.properties = properties;
		this.pubSub = pubSub;
		this.sslBundles = sslBundles;
	}

	ManagedChannel create(Stream<SalesforceStreamingPubSubChannelBuilderCustomizer> customizers) {
		String host = this.details.getHost();
		int port = this.details.getPort();
		if (host == null || host.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "host", host, "Must be set");
		}
		if (port < 1 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "port", port, "Must be between 1 and 65535");
		}
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port)
			.maxInboundMessageSize(maxInboundMessageSize());
		if (this.details.isPlaintext()) {
			requireLoopback(host, port);
			if (this.pubSub.getSsl().getBundle() != null) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "ssl.bundle",
						this.pubSub.getSsl().getBundle(), "Must not be set with " + PREFIX + "plaintext=true");
			}
			builder.usePlaintext();
		}
		else {
			SslContext sslContext = sslContext();
			if (sslContext != null) {
				builder.sslContext(sslContext);
			}
		}
		String proxyHost = this.properties.getProxy().getHost();
		if (proxyHost != null) {
			int proxyPort = this.properties.getProxy().getPort();
			if (proxyPort < 1 || proxyPort > 65535) {
				throw new InvalidConfigurationPropertyValueException("salesforce.streaming.proxy.port", proxyPort,
						"Must be between 1 and 65535");
			}
			builder.proxyDetector(new ConfiguredProxyDetector(proxyHost, this.properties.getProxy()));
		}
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The largest response taken. A response carries at most the credit's worth of events, each at most 1 MB at
	 * Salesforce: one the credit allowed is never refused (gRPC's refusal, {@code RESOURCE_EXHAUSTED}, would read
	 * as a limit error and wait minutes), and the credit already bounds the memory in flight.
	 */
	private int maxInboundMessageSize() {
		long credit = Math.max(1, Math.min(100, this.pubSub.getMaxCredit()));
		long creditsWorth = (credit + 1) * EVENT_MAX_BYTES;
		return (int) Math.min(Integer.MAX_VALUE,
				Math.max(this.properties.getMaxMessageSize().toBytes(), creditsWorth));
	}

	/** Plaintext sends the access token in the clear: to this machine only, as the login's http URLs. */
	private static void requireLoopback(String host, int port) {
		String authority = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		try {
			SecureUrls.requireSecure(URI.create("http://" + authority + ":" + port), "host");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "plaintext", true,
					"Allowed only to this machine (localhost or a loopback address), not " + host
							+ ": the access token is sent with every call");
		}
	}

	private @Nullable SslContext sslContext() {
		String property = PREFIX + "ssl.bundle";
		String name = this.pubSub.getSsl().getBundle();
		if (name == null) {
			property = "salesforce.streaming.ssl.bundle";
			name = this.properties.getSsl().getBundle();
		}
		if (name == null) {
			return null; // gRPC's default: the JVM's trust store
		}
		SslBundle bundle = bundle(property, name);
		try {
			SslContextBuilder builder = GrpcSslContexts.forClient()
				.trustManager(bundle.getManagers().getTrustManagerFactory());
			if (bundle.getStores().getKeyStore() != null) {
				builder.keyManager(bundle.getManagers().getKeyManagerFactory());
			}
			SslOptions options = bundle.getOptions();
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
			if (options.getCiphers() != null) {
				builder.ciphers(Arrays.asList(options.getCiphers()));
			}
			return builder.build();
		}
		catch (SSLException | IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"The SSL bundle cannot configure TLS for the Pub/Sub API: " + ex.getMessage());
		}
	}

	private SslBundle bundle(String property, String name) {
		if (this.sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, name, "No SslBundles bean is available");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"No SSL bundle of that name is configured under spring.ssl.bundle");
		}
	}

}
