package io.github.sfstreaming.emulator;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Jetty {@link HttpClient} for CometD's client, shared by the tests of a class, and the clients to close.
 */
abstract class BayeuxTestSupport {

	static HttpClient httpClient;

	private final List<TestClient> clients = new ArrayList<>();

	@BeforeAll
	static void startHttpClient() throws Exception {
		httpClient = new HttpClient();
		httpClient.start();
	}

	@AfterAll
	static void stopHttpClient() throws Exception {
		httpClient.stop();
	}

	@AfterEach
	void closeClients() {
		for (TestClient client : this.clients) {
			client.close();
		}
		this.clients.clear();
	}

	TestClient client(SalesforceStreamingEmulator emulator) {
		TestClient client = TestClient.loggedIn(httpClient, emulator.baseUrl());
		this.clients.add(client);
		return client;
	}

}
