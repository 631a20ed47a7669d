package io.github.sfstreaming.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.github.sfstreaming.emulator.pubsub.TopicRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PubSubTlsTests {

	@Test
	void withTlsThePubSubPortSpeaksTlsWithTheEmulatorsCertificate() throws Exception {
		char[] password = "changeit".toCharArray();
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.tls(TlsTests.load("/tls/localhost.p12"), password)
			.channels("/event/Order__e")
			.pubSub(true)
			.build()
			.start()) {
			assertThat(emulator.pubSubTarget()).startsWith("localhost:");
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(TlsTests.load("/tls/truststore.p12"));
			ManagedChannel channel = Grpc.newChannelBuilder(emulator.pubSubTarget(),
					TlsChannelCredentials.newBuilder().trustManager(trust.getTrustManagers()).build()).build();
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			HttpResponse<String> login = HttpClient.newBuilder().sslContext(context).build()
				.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/services/oauth2/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=test-client-id"
							+ "&client_secret=test-client-secret&username=user%40example.com&password=pass"))
					.build(), HttpResponse.BodyHandlers.ofString());
			String token = Json.read(login.body()).get("access_token").stringValue();
			try (RawPubSub pubSub = new RawPubSub(channel, token)) {
				assertThat(pubSub.blocking.getTopic(TopicRequest.newBuilder().setTopicName("/event/Order__e").build())
					.getCanPublish()).isTrue();
			}
		}
	}

}
