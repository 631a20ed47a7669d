package io.github.sfstreaming.spring.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.handler.annotation.Header;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeEventHeader;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Transport;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.replay.jdbc.PostgresAvailable;
import io.github.sfstreaming.spring.replay.jdbc.PostgresDatabase;
import io.github.sfstreaming.spring.support.SalesforceHeaders;
import io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code @SalesforceListener} class, a platform event POJO listener and a Change Data Capture listener with
 * headers, over CometD and over the Pub/Sub API against the same emulator: the same events, in the same order, with
 * the same headers; and a restart resumes from the stored replay ids over either transport: of the client (the
 * in-memory store, kept by the context) and of the whole application (the JDBC store on H2 and PostgreSQL).
 */
class SameListenerOverBothTransportsTests {

	static final String ORDERS = "/event/Order__e";

	static final String ACCOUNTS = "/data/AccountChangeEvent";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.channels(ORDERS, ACCOUNTS)
		.customize((builder) -> builder.pubSub(true).pubSubKeepAlive(Duration.ofMillis(500)))
		.build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(Transport transport) {
		return start(transport, "salesforce.streaming.replay.store=memory");
	}

	private ConfigurableApplicationContext start(Transport transport, String... store) {
		List<String> properties = new ArrayList<>(List.of("spring.application.name=same-listener",
				"salesforce.streaming.transport=" + transport, "salesforce.streaming.replay.default=all",
				"salesforce.streaming.startup.failure-policy=fail", "salesforce.streaming.startup.timeout=20s",
				"salesforce.streaming.shutdown-timeout=5s", "salesforce.streaming.backoff.initial=100ms",
				"salesforce.streaming.backoff.max=500ms"));
		properties.addAll(List.of(store));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SameListenerApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(SalesforceStreamingEmulatorConnectionDetails.initializer(this.emulator.emulator()))
			.properties(properties.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private void publishOrders(int from, int to) {
		for (int i = from; i <= to; i++) {
			this.emulator.publish(ORDERS, "{\"OrderNumber__c\":\"O-" + i + "\",\"Quantity__c\":" + i + "}");
		}
	}

	private void publishAccountChanges() {
		this.emulator.publish(ACCOUNTS, """
				{"Name":"Acme","Phone":"1","ChangeEventHeader":{"entityName":"Account","recordIds":["001A"],
				"changeType":"CREATE","changedFields":[]}}""");
		this.emulator.publish(ACCOUNTS, """
				{"Phone":"2","ChangeEventHeader":{"entityName":"Account","recordIds":["001A"],
				"changeType":"UPDATE","changedFields":["Phone"]}}""");
		this.emulator.publish(ACCOUNTS, """
				{"ChangeEventHeader":{"entityName":"Account","recordIds":["001A"],"changeType":"DELETE",
				"changedFields":[]}}""");
	}

	@Test
	void theSameListenerSeesTheSameEventsInTheSameOrderWithTheSameHeaders() {
		publishOrders(1, 5);
		publishAccountChanges();
		List<String> overCometd = receiveAll(Transport.COMETD, 8);
		List<String> overPubSub = receiveAll(Transport.PUBSUB, 8);
		// each channel in its order (channels are handled in parallel, so they interleave differently)
		assertThat(of("orders", overPubSub)).containsExactlyElementsOf(of("orders", overCometd));
		assertThat(of("accounts", overPubSub)).containsExactlyElementsOf(of("accounts", overCometd));
		assertThat(of("orders", overCometd)).hasSize(5)
			.first()
			.asString()
			.startsWith("orders " + ORDERS + " O-1 x1 created=20")
			.doesNotContain("uuid=null");
		assertThat(of("accounts", overCometd)).extracting((seen) -> seen.substring(0, seen.indexOf(" header=")))
			.containsExactly("accounts " + ACCOUNTS + " CREATE Account [001A] changed=[] phone=1",
					"accounts " + ACCOUNTS + " UPDATE Account [001A] changed=[Phone] phone=2",
					"accounts " + ACCOUNTS + " DELETE Account [001A] changed=[] phone=null");
	}

	private static List<String> of(String listener, List<String> seen) {
		return seen.stream().filter((line) -> line.startsWith(listener + " ")).toList();
	}

	private List<String> receiveAll(Transport transport, int count) {
		ConfigurableApplicationContext context = start(transport);
		SameListeners listeners = context.getBean(SameListeners.class);
		await().atMost(TIMEOUT).until(() -> listeners.seen.size() >= count);
		List<String> seen = List.copyOf(listeners.seen);
		context.close();
		return seen;
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aRestartResumesAfterTheStoredReplayIds(Transport transport) {
		ConfigurableApplicationContext context = start(transport);
		SameListeners listeners = context.getBean(SameListeners.class);
		publishOrders(1, 3);
		await().atMost(TIMEOUT).until(() -> listeners.orders().size() == 3);
		SalesforceStreamingLifecycle lifecycle = context.getBean(SalesforceStreamingLifecycle.class);
		lifecycle.stop();
		ReplayStore store = context.getBean(ReplayStore.class);
		ReplayIdFormat format = (transport == Transport.PUBSUB) ? ReplayIdFormat.OPAQUE : ReplayIdFormat.NUMERIC;
		assertThat(store.lastReplayId(ORDERS, format)).isPresent();

		publishOrders(4, 6);
		lifecycle.start();
		await().atMost(TIMEOUT).until(() -> listeners.orders().size() >= 6);
		// and stays so: no event comes twice
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> listeners.orders().size() == 6);
		assertThat(listeners.orders()).containsExactly("O-1", "O-2", "O-3", "O-4", "O-5", "O-6");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anApplicationRestartResumesFromTheJdbcStoreOnH2(Transport transport) {
		restartResumesFromTheStore(transport, "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1", "salesforce.streaming.replay.store=jdbc");
	}

	/**
	 * Stops the whole application after three orders and starts a new one on the same database after three more:
	 * the new one receives exactly those three, resumed from the replay id stored by the first.
	 */
	void restartResumesFromTheStore(Transport transport, String... store) {
		ConfigurableApplicationContext first = start(transport, store);
		publishOrders(1, 3);
		SameListeners firstListeners = first.getBean(SameListeners.class);
		await().atMost(TIMEOUT).until(() -> firstListeners.orders().size() == 3);
		ReplayIdFormat format = (transport == Transport.PUBSUB) ? ReplayIdFormat.OPAQUE : ReplayIdFormat.NUMERIC;
		assertThat(first.getBean(ReplayStore.class).formats()).contains(format);
		first.close();

		publishOrders(4, 6);
		ConfigurableApplicationContext second = start(transport, store);
		SameListeners secondListeners = second.getBean(SameListeners.class);
		await().atMost(TIMEOUT).until(() -> secondListeners.orders().size() >= 3);
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> secondListeners.orders().size() == 3);
		assertThat(firstListeners.orders()).containsExactly("O-1", "O-2", "O-3");
		assertThat(secondListeners.orders()).containsExactly("O-4", "O-5", "O-6");
		assertThat(second.getBean(ReplayStore.class).lastReplayId(ORDERS, format)).isPresent();
	}

	/** The same on PostgreSQL, in a table of its own that the application creates. */
	@Nested
	@PostgresAvailable
	class OnPostgres {

		@ParameterizedTest
		@EnumSource(Transport.class)
		void anApplicationRestartResumesFromTheJdbcStore(Transport transport, PostgresDatabase database) {
			String table = PostgresDatabase.uniqueTableName();
			List<String> store = new ArrayList<>(List.of(database.datasourceProperties()));
			store.addAll(List.of("salesforce.streaming.replay.store=jdbc",
					"salesforce.streaming.replay.initialize-schema=always",
					"salesforce.streaming.replay.table-name=" + table));
			try {
				restartResumesFromTheStore(transport, store.toArray(String[]::new));
			}
			finally {
				close();
				SameListenerOverBothTransportsTests.this.contexts.clear();
				try (HikariDataSource dataSource = database.dataSource()) {
					new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
				}
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SameListenerApplication {

		@Bean
		SameListeners sameListeners() {
			return new SameListeners();
		}

	}

	/** An order as the application binds it: a POJO of the platform event's fields. */
	record Order(String OrderNumber__c, int Quantity__c) {
	}

	/** The listener class under test: what each transport brings, as one line per event. */
	static class SameListeners {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@SalesforceListener(id = "orders", value = ORDERS)
		void onOrder(Order order, @Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.CREATED_DATE) @Nullable Instant createdDate,
				@Header(name = SalesforceHeaders.EVENT_UUID, required = false) @Nullable String eventUuid,
				@Header(SalesforceHeaders.LISTENER_ID) String listenerId) {
			this.seen.add(listenerId + " " + channel + " " + order.OrderNumber__c() + " x" + order.Quantity__c()
					+ " created=" + createdDate + " uuid=" + eventUuid);
		}

		@SalesforceListener(id = "accounts", value = ACCOUNTS)
		void onAccountChange(ChangeEvent event, @Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.CHANGE_TYPE) ChangeType changeType,
				@Header(SalesforceHeaders.CHANGE_EVENT_HEADER) ChangeEventHeader header,
				@Header(SalesforceHeaders.LISTENER_ID) String listenerId) {
			String phone = event.payload().path("Phone").isString() ? event.payload().path("Phone").asString() : null;
			this.seen.add(listenerId + " " + channel + " " + changeType + " " + header.entityName() + " "
					+ header.recordIds() + " changed=" + header.changedFields() + " phone=" + phone + " header="
					+ header);
		}

		List<String> orders() {
			return this.seen.stream()
				.filter((seen) -> seen.startsWith("orders"))
				.map((seen) -> seen.split(" ")[2])
				.toList();
		}

	}

}
