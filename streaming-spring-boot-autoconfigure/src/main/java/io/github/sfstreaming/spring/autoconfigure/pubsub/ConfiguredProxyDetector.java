package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.grpc.HttpConnectProxiedSocketAddress;
import io.grpc.ProxiedSocketAddress;
import io.grpc.ProxyDetector;
import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Proxy;

/**
 * Sends the Pub/Sub API's connections through the HTTP proxy of {@code salesforce.streaming.proxy.*}, with a
 * {@code CONNECT} tunnel as the CometD side does. Without that property gRPC's own detector applies: the JVM's
 * {@link java.net.ProxySelector} ({@code https.proxyHost}) and {@link java.net.Authenticator}.
 */
final class ConfiguredProxyDetector implements ProxyDetector {

	private final String host;

	private final int port;

	private final @Nullable String username;

	private final @Nullable String password;

	ConfiguredProxyDetector(String host, Proxy proxy) {
		this.host = host;
		this.port = proxy.getPort();
		this.username = proxy.getUsername();
		this.password = proxy.getPassword();
	}

	@Override
	public @Nullable ProxiedSocketAddress proxyFor(SocketAddress target) {
		if (!(target instanceof InetSocketAddress address)) {
			return null;
		}
		// resolved at each connection, so that a proxy whose address changes is followed
		HttpConnectProxiedSocketAddress.Builder proxied = HttpConnectProxiedSocketAddress.newBuilder()
			.setTargetAddress(address)
			.setProxyAddress(new InetSocketAddress(this.host, this.port));
		if (this.username != null) {
			proxied.setUsername(this.username).setPassword((this.password != null) ? this.password : "");
		}
		return proxied.build();
	}

	@Override
	public String toString() {
		// never the password
		return "ConfiguredProxyDetector[" + this.host + ":" + this.port + "]";
	}

}
