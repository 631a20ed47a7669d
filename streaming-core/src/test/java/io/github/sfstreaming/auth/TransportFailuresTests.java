package io.github.sfstreaming.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.proxy.ProxyConnectException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link TransportFailures}: what needs a change of configuration, and what retrying may fix.
 */
class TransportFailuresTests {

	@Test
	void untrustedOrMismatchedCertificateNeedsConfiguration() {
		SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
		handshake.initCause(new CertificateException("No subject alternative DNS name matching example.com found"));
		assertThat(TransportFailures.configurationProblem(new IOException("wrapped", handshake)))
			.contains("certificate is not trusted or does not match its host name")
			.contains("No subject alternative DNS name");
	}

	@Test
	void proxyRefusingTheCredentialsNeedsConfiguration() {
		ProxyConnectException refused = new ProxyConnectException("http, basic, /127.0.0.1:3128 => localhost:443, "
				+ "status: 407 Proxy Authentication Required");
		assertThat(TransportFailures.configurationProblem(new IOException(refused)))
			.contains("407")
			.contains("proxy username and password");
	}

	@Test
	void networkErrorsAndOtherHandshakeFailuresMayBeRetried() {
		assertThat(TransportFailures.configurationProblem(new ConnectException("Connection refused"))).isNull();
		assertThat(TransportFailures.configurationProblem(new SSLHandshakeException("Remote host terminated"))).isNull();
		assertThat(TransportFailures.configurationProblem(
				new ProxyConnectException("http, none, /127.0.0.1:3128 => localhost:443, status: 502 Bad Gateway")))
			.isNull();
		// 407 elsewhere in the message (a port, a host name) is not the proxy's answer
		assertThat(TransportFailures.configurationProblem(
				new ProxyConnectException("http, basic, /10.0.0.5:4070 => acme407.my.salesforce.com:443, timeout")))
			.isNull();
		assertThat(TransportFailures.configurationProblem(new IllegalStateException(
				new CertificateException("not during a TLS handshake")))).isNull();
	}

}
