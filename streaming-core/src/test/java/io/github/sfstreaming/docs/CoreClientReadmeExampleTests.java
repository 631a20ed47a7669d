package io.github.sfstreaming.docs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the README's "core client without Spring Boot" example against the emulator.
 */
class CoreClientReadmeExampleTests {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels("/topic/InvoiceUpdates")
		.build();

	private final List<String> printed = new CopyOnWriteArrayList<>();

	@Test
	void readmeExampleReceivesEvents(SalesforceStreamingEmulator emulator) throws Exception {
		CountDownLatch received = new CountDownLatch(2);
		Thread publisher = new Thread(() -> {
			emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
			emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a02\",\"Name\":\"INV-2\"}");
		});
		readmeExample(emulator.baseUrl(), "test-client-id", "test-client-secret", "user@example.com", "pass",
				publisher, received);
		assertThat(this.printed).containsExactly("created a01", "created a02");
	}

	// The README snippet is the body of this method, from "TokenProvider tokens" to the end of the try block;
	// "publisher" and "received" only let the test publish and know when to stop.
	private void readmeExample(URI loginUrl, String clientId, String clientSecret, String username,
			String password, Thread publisher, CountDownLatch received) throws InterruptedException {
		TokenProvider tokens = UsernamePasswordTokenProvider.builder()
			.loginUrl(loginUrl) // LoginUrls.PRODUCTION, LoginUrls.SANDBOX or LoginUrls.myDomain("acme")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.username(username)
			.password(password)
			.build();
		ReplayStore replayStore = new InMemoryReplayStore(); // keep replay ids somewhere durable in production

		try (SalesforceStreamingClient client = SalesforceStreamingClient.builder()
			.tokenProvider(tokens)
			.replayStore(replayStore)
			.build()) {
			client.start(); // returns at once: login, handshake and polling run in the background
			client.subscribe("/topic/InvoiceUpdates", (event) -> {
				// runs on a handler thread, one event at a time per channel, in replay-id order;
				// the replay id is stored once this returns (if it throws, it is logged, and the channel's stored
				// replay id stays before this event, which comes again on the next start)
				if (event instanceof PushTopicEvent invoice) {
					print(invoice.type() + " " + invoice.sobject().path("Id").asString());
				}
				received.countDown();
			}).block(Duration.ofSeconds(30)); // optional: wait until Salesforce confirms the subscription
			publisher.start();
			received.await(30, TimeUnit.SECONDS);
		} // close() cancels the long poll, finishes the events in hand and sends /meta/disconnect
	}

	private void print(String line) {
		this.printed.add(line);
	}

}
