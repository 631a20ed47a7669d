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
import org.springframework.core.retry.RetryPolicy;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.ChannelStatus;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.replay.ReplayPosition;
import io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.listener.BatchListenerFailedException;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.ListenerErrorHandler;
import io.github.sfstreaming.spring.listener.SalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.SalesforceListenerErrorHandler;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener containers end to end, the real client against the Salesforce emulator: pausing and resuming a
 * container through the registry, the listener's own error handler apart from the container's, retries on
 * {@code core.retry}, a listener's own container factory, and batch listeners.
 */
class SalesforceListenerContainerEmulatorTests {

	private static final String INVOICES = "/event/Invoice__e";

	private static final String ORDERS = "/event/Order__e";

	private static final String PAYMENTS = "/event/Payment__e";

	private static final String REFUNDS = "/event/Refund__e";

	private static final String SHIPMENTS = "/event/Shipment__e";

	private static final String AUDITS = "/event/Audit__e";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(2))
		.channels(INVOICES, ORDERS, PAYMENTS, REFUNDS, SHIPMENTS, AUDITS)
		.build();

	private AnnotationConfigApplicationContext context;

	private SalesforceStreamingClient client;

	private InMemoryReplayStore store;

	private Listeners listeners;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext(ListenerConfiguration.class);
		this.client = this.context.getBean(SalesforceStreamingClient.class);
		this.store = this.context.getBean(InMemoryReplayStore.class);
		this.listeners = this.context.getBean(Listeners.class);
		this.client.start();
		this.client.awaitConnected(Duration.ofSeconds(10));
		for (String channel : List.of(INVOICES, ORDERS, PAYMENTS, REFUNDS, SHIPMENTS, AUDITS)) {
			await().untilAsserted(() -> assertThat(channel(channel).subscribed()).isTrue());
		}
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void pausedContainerMissesNothingOnceResumed(SalesforceStreamingEmulator emulator) {
		SalesforceListenerContainer container = this.context.getBean(SalesforceListenerEndpointRegistry.class)
			.getListenerContainer("invoices");
		long first = emulator.publish(INVOICES, "{\"Number__c\":\"I-1\"}");
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(INVOICES))
			.contains(ReplayPosition.after(first)));
		container.pause();
		assertThat(container.isRunning()).isTrue();
		await().untilAsserted(() -> assertThat(emulator.stats().channel(INVOICES).subscribers()).isEmpty());
		List<Long> whilePaused = emulator.publish(INVOICES, 2, "{\"Number__c\":\"I-2\"}");
		container.resume();
		await().untilAsserted(() -> assertThat(this.listeners.invoices)
			.containsExactly(first, whilePaused.get(0), whilePaused.get(1)));
	}

	@Test
	void containerStoppedAndStartedThroughTheRegistryCatchesUp(SalesforceStreamingEmulator emulator) {
		SalesforceListenerContainer container = this.context.getBean(SalesforceListenerEndpointRegistry.class)
			.getListenerContainer("invoices");
		container.stop();
		assertThat(container.isRunning()).isFalse();
		await().untilAsserted(() -> assertThat(emulator.stats().channel(INVOICES).subscribers()).isEmpty());
		long missed = emulator.publish(INVOICES, "{\"Number__c\":\"I-3\"}");
		container.start();
		await().untilAsserted(() -> assertThat(this.listeners.invoices).containsExactly(missed));
	}

	@Test
	void listenersOwnErrorHandlerHandlesTheFailureWithoutTheContainersRetries(SalesforceStreamingEmulator emulator) {
		long id = emulator.publish(ORDERS, "{\"Number__c\":\"O-1\"}");
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(ORDERS)).contains(ReplayPosition.after(id)));
		assertThat(this.listeners.orderAttempts).hasValue(1);
		assertThat(this.listeners.ownHandled).containsExactly(id);
		assertThat(this.listeners.recovered).isEmpty();
	}

	@Test
	void listenerFailingTwiceIsRetriedByTheContainerThenStored(SalesforceStreamingEmulator emulator) {
		long id = emulator.publish(PAYMENTS, "{\"Number__c\":\"P-1\"}");
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(PAYMENTS)).contains(ReplayPosition.after(id)));
		assertThat(this.listeners.paymentAttempts).hasValue(3);
		assertThat(this.listeners.payments).containsExactly(id);
		assertThat(this.listeners.recovered).isEmpty();
	}

	@Test
	void excludedExceptionInTheCausesIsRecoveredWithoutRetries(SalesforceStreamingEmulator emulator) {
		long id = emulator.publish(REFUNDS, "{\"Number__c\":\"R-1\"}");
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(REFUNDS)).contains(ReplayPosition.after(id)));
		assertThat(this.listeners.refundAttempts).hasValue(1);
		assertThat(this.listeners.recovered).containsExactly("default:" + id);
	}

	@Test
	void batchListenerReceivesEveryEventInOrderAsPayloadsAndMessages(SalesforceStreamingEmulator emulator) {
		List<Long> ids = emulator.publish(SHIPMENTS, 5, "{\"Number__c\":\"S-1\"}");
		await().untilAsserted(() -> assertThat(this.listeners.shipments).containsExactlyElementsOf(ids));
		assertThat(this.listeners.shipmentNumbers).hasSize(5).containsOnly("S-1");
		assertThat(this.listeners.shipmentBatchSizes).allSatisfy((size) -> assertThat(size)
			.isBetween(1, DefaultSalesforceListenerContainer.DEFAULT_BATCH_MAX_SIZE));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(SHIPMENTS))
			.contains(ReplayPosition.after(ids.get(4))));
	}

	@Test
	void aBacklogReachesABatchListenerInBatchesOfSeveralEvents(SalesforceStreamingEmulator emulator) {
		this.listeners.shipmentBatchSizes.clear();
		List<Long> ids = emulator.publish(SHIPMENTS, 300, "{\"Number__c\":\"S-2\"}");
		await().untilAsserted(() -> assertThat(this.listeners.shipments).containsAll(ids));
		assertThat(this.listeners.shipmentBatchSizes).anySatisfy((size) -> assertThat(size).isGreaterThan(1));
		assertThat(this.listeners.shipmentBatchSizes)
			.allSatisfy((size) -> assertThat(size)
				.isLessThanOrEqualTo(DefaultSalesforceListenerContainer.DEFAULT_BATCH_MAX_SIZE));
	}

	@Test
	void batchListenerNamingTheFailedEventGetsItRetriedThenRecoveredByItsOwnFactory(
			SalesforceStreamingEmulator emulator) {
		List<Long> ids = List.of(emulator.publish(AUDITS, "{\"Number__c\":\"A-1\"}"),
				emulator.publish(AUDITS, "{\"Number__c\":\"POISON\"}"),
				emulator.publish(AUDITS, "{\"Number__c\":\"A-3\"}"));
		await().untilAsserted(() -> assertThat(this.store.lastReplayId(AUDITS))
			.contains(ReplayPosition.after(ids.get(2))));
		assertThat(this.listeners.recovered).containsExactly("audit:" + ids.get(1));
		assertThat(this.listeners.audits).containsExactly(ids.get(0), ids.get(2));
	}

	private ChannelStatus channel(String channel) {
		return this.client.channels()
			.stream()
			.filter((status) -> status.channel().equals(channel))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No channel " + channel));
	}

	// Bound like a one-event listener's payload: names matched case-insensitively.
	record Shipment(String number__c) {
	}

	static class NotRetryableException extends RuntimeException {

		NotRetryableException(String message) {
			super(message);
		}

	}

	static class Listeners {

		final List<Long> invoices = new CopyOnWriteArrayList<>();

		final AtomicInteger orderAttempts = new AtomicInteger();

		final List<Long> ownHandled = new CopyOnWriteArrayList<>();

		final AtomicInteger paymentAttempts = new AtomicInteger();

		final List<Long> payments = new CopyOnWriteArrayList<>();

		final AtomicInteger refundAttempts = new AtomicInteger();

		final List<Long> shipments = new CopyOnWriteArrayList<>();

		final List<String> shipmentNumbers = new CopyOnWriteArrayList<>();

		final List<Integer> shipmentBatchSizes = new CopyOnWriteArrayList<>();

		final List<Long> audits = new CopyOnWriteArrayList<>();

		final List<String> recovered = new CopyOnWriteArrayList<>();

		@SalesforceListener(id = "invoices", value = INVOICES)
		void onInvoice(@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			this.invoices.add(replayId);
		}

		@SalesforceListener(id = "orders", value = ORDERS, errorHandler = "orderErrorHandler")
		void onOrder(PlatformEvent event) {
			this.orderAttempts.incrementAndGet();
			throw new IllegalStateException("order service unavailable");
		}

		@SalesforceListener(id = "payments", value = PAYMENTS)
		void onPayment(@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
			if (this.paymentAttempts.incrementAndGet() <= 2) {
				throw new IllegalStateException("payment service unavailable");
			}
			this.payments.add(replayId);
		}

		@SalesforceListener(id = "refunds", value = REFUNDS)
		void onRefund(PlatformEvent event) {
			this.refundAttempts.incrementAndGet();
			throw new IllegalStateException("wrapped", new NotRetryableException("refund rejected"));
		}

		@SalesforceListener(id = "shipments", value = SHIPMENTS, batch = "true")
		void onShipments(List<Shipment> shipments) {
			this.shipmentNumbers.addAll(shipments.stream().map(Shipment::number__c).toList());
		}

		@SalesforceListener(id = "shipmentMessages", value = SHIPMENTS, batch = "${shipments.batch:true}")
		void onShipmentMessages(List<Message<PlatformEvent>> messages) {
			this.shipmentBatchSizes.add(messages.size());
			messages.forEach((message) -> this.shipments
				.add(message.getHeaders().get(SalesforceHeaders.REPLAY_ID, Long.class)));
		}

		@SalesforceListener(id = "audits", value = AUDITS, batch = "true", containerFactory = "auditContainerFactory")
		void onAudits(List<PlatformEvent> events) {
			for (int i = 0; i < events.size(); i++) {
				if ("POISON".equals(events.get(i).payload().path("Number__c").asString())) {
					throw new BatchListenerFailedException(i, new IllegalStateException("bad audit"));
				}
				this.audits.add(events.get(i).replayId());
			}
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
			SalesforceStreamingEmulator emulator = SalesforceListenerContainerEmulatorTests.emulator.emulator();
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
		ListenerErrorHandler listenerErrorHandler(Listeners listeners) {
			RetryPolicy policy = RetryPolicy.builder()
				.maxRetries(3)
				.delay(Duration.ofMillis(10))
				.excludes(NotRetryableException.class)
				.build();
			return new DefaultListenerErrorHandler(policy,
					(event, cause) -> listeners.recovered.add("default:" + event.replayId()));
		}

		@Bean
		DefaultSalesforceListenerContainerFactory auditContainerFactory(Listeners listeners) {
			DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
			RetryPolicy policy = RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(10)).build();
			factory.setErrorHandler(new DefaultListenerErrorHandler(policy,
					(event, cause) -> listeners.recovered.add("audit:" + event.replayId())));
			return factory;
		}

		@Bean
		SalesforceListenerErrorHandler orderErrorHandler(Listeners listeners) {
			return (event, exception) -> listeners.ownHandled.add(event.replayId());
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

}
