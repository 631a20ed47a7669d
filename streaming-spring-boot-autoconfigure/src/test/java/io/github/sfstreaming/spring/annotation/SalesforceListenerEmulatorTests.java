package io.github.sfstreaming.spring.annotation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.util.backoff.FixedBackOff;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ChannelStatus;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @SalesforceListener} methods end to end: the real client against the Salesforce emulator.
 */
class SalesforceListenerEmulatorTests {

	private static final String TOPIC = "/topic/InvoiceUpdates";

	private static final String ORDERS = "/event/Order__e";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(2))
		.channels(TOPIC, ORDERS)
		.build();

	private AnnotationConfigApplicationContext context;

	private SalesforceStreamingClient client;

	private InMemoryReplayStore store;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext(ListenerConfiguration.class);
		this.client = this.context.getBean(SalesforceStreamingClient.class);
		this.store = this.context.getBean(InMemoryReplayStore.class);
		this.client.start();
		this.client.awaitConnected(Duration.ofSeconds(10));
		awaitSubscribed(TOPIC, ORDERS);
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void listenerReceivesConvertedEventsInOrderAndTheirIdsAreStoredAfterwards(SalesforceStreamingEmulator emulator) {
		List<Long> ids = emulator.publish(TOPIC, 5, "{\"Id\":\"a01\",\"Name\":\"INV-1\",\"Amount__c\":10}");
		Listeners listeners = this.context.getBean(Listeners.class);
		await().untilAsserted(() -> assertThat(listeners.invoices).hasSize(5));
		assertThat(listeners.invoices).allSatisfy((invoice) -> assertThat(invoice.invoice())
			.isEqualTo(new Invoice("a01", "INV-1")));
		assertThat(listeners.invoices).extracting(ReceivedInvoice::replayId).containsExactlyElementsOf(ids);
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC))
			.contains(ReplayPosition.after(ids.get(4))));
	}

	@Test
	void failingListenerIsRetriedAndTheEventIsStoredOnceHandled(SalesforceStreamingEmulator emulator) {
		long id = emulator.publish(ORDERS, "{\"Order_Number__c\":\"O-1\"}");
		Listeners listeners = this.context.getBean(Listeners.class);
		await().untilAsserted(() -> assertThat(listeners.orders).containsExactly(id));
		assertThat(listeners.orderAttempts).hasValue(3);
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(ORDERS)).contains(ReplayPosition.after(id)));
	}

	@Test
	void stoppedListenerCatchesUpFromTheStoredReplayIdWhenStarted(SalesforceStreamingEmulator emulator) {
		SalesforceListenerEndpointRegistry registry = this.context.getBean(SalesforceListenerEndpointRegistry.class);
		Listeners listeners = this.context.getBean(Listeners.class);
		long first = emulator.publish(TOPIC, "{\"Id\":\"a01\",\"Name\":\"INV-1\"}");
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(TOPIC))
			.contains(ReplayPosition.after(first)));
		registry.stop("invoices");
		await().untilAsserted(() -> assertThat(this.client.channels())
			.noneMatch((status) -> status.channel().equals(TOPIC) && status.subscribed()));
		// the client forgets the channel at once but its unsubscribe is still on the way: had the server not seen
		// it yet, the subscribe of start() could reach it first, find the session still subscribed and replay
		// nothing, and the unsubscribe would then end the subscription
		await().untilAsserted(() -> assertThat(emulator.stats().channel(TOPIC).subscribers()).isEmpty());
		List<Long> missed = emulator.publish(TOPIC, 2, "{\"Id\":\"a02\",\"Name\":\"INV-2\"}");
		registry.start("invoices");
		await().untilAsserted(() -> assertThat(listeners.invoices).extracting(ReceivedInvoice::replayId)
			.containsExactly(first, missed.get(0), missed.get(1)));
	}

	private void awaitSubscribed(String... channels) {
		for (String channel : channels) {
			await().untilAsserted(() -> assertThat(channel(channel).subscribed()).isTrue());
		}
	}

	private ChannelStatus channel(String channel) {
		return this.client.channels()
			.stream()
			.filter((status) -> status.channel().equals(channel))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No channel " + channel));
	}

	record Invoice(String id, String name) {
	}

	record ReceivedInvoice(Invoice invoice, long replayId) {
	}

	static class Listeners {

		final List<ReceivedInvoice> invoices = new CopyOnWriteArrayList<>();

		final List<Long> orders = new CopyOnWriteArrayList<>();

		final AtomicInteger orderAttempts = new AtomicInteger();

		@SalesforceListener(id = "invoices", value = TOPIC)
		void onInvoice(Invoice invoice, @Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			this.invoices.add(new ReceivedInvoice(invoice, replayId));
		}

		@SalesforceListener(id = "orders", value = ORDERS)
		void onOrder(@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			if (this.orderAttempts.incrementAndGet() < 3) {
				throw new IllegalStateException("order service unavailable");
			}
			this.orders.add(replayId);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSalesforceListeners
	static class ListenerConfiguration {

		@Bean
		InMemoryReplayStore replayStore() {
			return new InMemoryReplayStore();
		}

		@Bean(destroyMethod = "close")
		SalesforceStreamingClient salesforceStreamingClient(InMemoryReplayStore replayStore) {
			SalesforceStreamingEmulator emulator = SalesforceListenerEmulatorTests.emulator.emulator();
			UsernamePasswordTokenProvider tokens = UsernamePasswordTokenProvider.builder()
				.loginUrl(emulator.baseUrl())
				.clientId("test-client-id")
				.clientSecret("test-client-secret")
				.username("user@example.com")
				.password("pass")
				.build();
			return SalesforceStreamingClient.builder()
				.tokenProvider(tokens)
				.replayStore(replayStore)
				.backoff(Duration.ofMillis(50), Duration.ofMillis(500))
				.shutdownTimeout(Duration.ofSeconds(5))
				.build();
		}

		@Bean
		ListenerErrorHandler listenerErrorHandler() {
			return new DefaultListenerErrorHandler(new FixedBackOff(10, 5), (event, cause) -> {
				throw new AssertionError("not expected to be recovered", cause);
			});
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

}
