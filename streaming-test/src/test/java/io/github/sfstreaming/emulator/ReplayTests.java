package io.github.sfstreaming.emulator;

import java.time.Duration;
import java.util.List;

import org.cometd.bayeux.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReplayTests extends BayeuxTestSupport {

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels("/topic/InvoiceUpdates")
		.build();

	@Test
	void replaysAllTwoThousandEventsInOrderWithMinusTwo() {
		List<Long> published = emulator.publish("/topic/InvoiceUpdates", 2000, "{\"Id\":\"a01\",\"Name\":\"X\"}");
		TestClient client = client(emulator.emulator());
		assertThat(client.handshake().isSuccessful()).isTrue();
		// CometD's client keeps the session cookies and sends them back, as a Salesforce client must.
		assertThat(client.bayeux().getCookie("BAYEUX_BROWSER")).isNotNull();
		assertThat(client.bayeux().getCookie("sfdc-stream")).isNotNull();
		Message reply = client.subscribe("/topic/InvoiceUpdates", -2L);
		assertThat(reply.isSuccessful()).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.events("/topic/InvoiceUpdates")).hasSize(2000));
		assertThat(client.replayIds("/topic/InvoiceUpdates")).containsExactlyElementsOf(published);
	}

	@Test
	void replaysOnlyTheEventsAfterTheGivenId() {
		List<Long> published = emulator.publish("/topic/InvoiceUpdates", 2000, "{\"Id\":\"a01\"}");
		TestClient client = client(emulator.emulator());
		client.handshake();
		assertThat(client.subscribe("/topic/InvoiceUpdates", published.get(999)).isSuccessful()).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.events("/topic/InvoiceUpdates")).hasSize(1000));
		assertThat(client.replayIds("/topic/InvoiceUpdates")).containsExactlyElementsOf(published.subList(1000, 2000));
		// Nothing more arrives after the last one: a live event comes next, exactly once.
		long live = emulator.publish("/topic/InvoiceUpdates", "{\"Id\":\"a02\"}");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(client.events("/topic/InvoiceUpdates")).hasSize(1001));
		assertThat(client.replayIds("/topic/InvoiceUpdates")).last().isEqualTo(2001L);
		assertThat(live).isEqualTo(2001L);
	}

}
