package io.github.sfstreaming.auth;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;

/**
 * Recognises the HTTP failures that retrying cannot fix because they need a change of configuration: a server
 * certificate that is not trusted or does not match the host, or an HTTP proxy that refuses the credentials.
 * Shared by the token providers and the Bayeux transport; not meant for applications.
 */
public final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * Describes a failure that needs a change of configuration.
	 * @param failure the failure of an HTTP exchange
	 * @return what is wrong and what to change, or {@code null} when retrying may succeed
	 */
	public static @Nullable String configurationProblem(Throwable failure) {
		boolean handshake = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			handshake |= cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException;
			if (handshake && (cause instanceof CertificateException || cause instanceof CertPathBuilderException
					|| cause instanceof CertPathValidatorException || cause instanceof SSLPeerUnverifiedException)) {
				return "the server's TLS certificate is not trusted or does not match its host name ("
						+ cause.getMessage() + "); configure a trust store that holds its certificate chain";
			}
			// Netty's ProxyConnectException, matched by name: the proxy module is Reactor Netty's, not ours
			if (cause.getClass().getName().endsWith("ProxyConnectException") && cause.getMessage() != null
					&& cause.getMessage().contains("status: 407")) {
				return "the HTTP proxy refused the credentials (407 Proxy Authentication Required); check the proxy "
						+ "username and password";
			}
		}
		return null;
	}

}
