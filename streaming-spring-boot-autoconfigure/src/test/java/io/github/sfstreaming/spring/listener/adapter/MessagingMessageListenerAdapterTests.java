package io.github.sfstreaming.spring.listener.adapter;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.util.ReflectionUtils;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.ChangeEventHeader;
import io.github.sfstreaming.event.ChangeType;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistrar;
import io.github.sfstreaming.spring.support.SalesforceHeaders;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Argument resolution of listener methods, through the default message handler method factory.
 */
class MessagingMessageListenerAdapterTests {

	private final Listeners listeners = new Listeners();

	@Test
	void typedEventIsPassedAsIs() throws Exception {
		PushTopicEvent event = TestEvents.pushTopic(1);
		invoke("pushTopic", event);
		assertThat(this.listeners.received).containsExactly(event);
	}

	@Test
	void supertypeParameterReceivesAnyEvent() throws Exception {
		PlatformEvent event = TestEvents.platformEvent(2);
		invoke("anyEvent", event);
		invoke("object", event);
		assertThat(this.listeners.received).containsExactly(event, event);
	}

	@Test
	void eventOfAnotherTypeIsAConversionError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> invoke("pushTopic", TestEvents.platformEvent(3)))
			.withMessageContaining("PlatformEvent of channel /event/Order__e")
			.withMessageContaining("PushTopicEvent");
	}

	@Test
	void jsonNodeIsTheWholeData() throws Exception {
		PushTopicEvent event = TestEvents.pushTopic(4);
		invoke("jsonNode", event);
		invoke("objectNode", event);
		assertThat(this.listeners.received).containsExactly(event.data(), event.data());
		assertThat(((JsonNode) this.listeners.received.get(0)).path("event").path("type").asString())
			.isEqualTo("updated");
	}

	@Test
	void mapIsTheWholeData() throws Exception {
		invoke("map", TestEvents.platformEvent(5));
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) this.listeners.received.get(0);
		assertThat(data).containsEntry("schema", "abc123").containsKey("payload");
		assertThat(data.get("payload")).isEqualTo(Map.of("Order_Number__c", "O-42", "Amount__c", 99.5,
				"CreatedDate", "2026-05-01T10:15:30.000Z"));
	}

	@Test
	void stringIsTheDataAsJson() throws Exception {
		PushTopicEvent event = TestEvents.pushTopic(6);
		invoke("string", event);
		assertThat(TestEvents.json((String) this.listeners.received.get(0))).isEqualTo(event.data());
	}

	@Test
	void stringOfAGenericEventIsItsPayload() throws Exception {
		invoke("string", TestEvents.genericEvent("plain text, not JSON", 7));
		assertThat(this.listeners.received).containsExactly("plain text, not JSON");
	}

	@Test
	void pojoIsBoundFromThePushTopicSobject() throws Exception {
		invoke("account", TestEvents.pushTopic(8));
		assertThat(this.listeners.received).containsExactly(new Account("001A", "Acme"));
	}

	@Test
	void pojoIsBoundFromThePlatformEventPayload() throws Exception {
		invoke("order", TestEvents.platformEvent(9));
		assertThat(this.listeners.received).containsExactly(new Order("O-42", new BigDecimal("99.5")));
	}

	@Test
	void pojoIsBoundFromTheChangeEventPayload() throws Exception {
		invoke("account", TestEvents.changeEvent(10));
		assertThat(this.listeners.received).containsExactly(new Account("001A", "Acme Ltd"));
	}

	@Test
	void pojoIsBoundFromTheGenericEventPayloadParsedAsJson() throws Exception {
		invoke("account", TestEvents.genericEvent("{\"Id\":\"001B\",\"Name\":\"Globex\",\"Extra\":1}", 11));
		assertThat(this.listeners.received).containsExactly(new Account("001B", "Globex"));
	}

	@Test
	void genericEventPayloadThatIsNotJsonCannotBindAPojo() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> invoke("account", TestEvents.genericEvent("not json", 12)))
			.withMessageContaining("event 12 of channel /u/Notifications")
			.withMessageContaining(Account.class.getName());
	}

	@Test
	void pojoWithAWrongFieldTypeIsAConversionError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> invoke("badOrder", TestEvents.platformEvent(13)))
			.withMessageContaining("event 13 of channel /event/Order__e");
	}

	@Test
	void genericCollectionsBindWithTheirElementType() throws Exception {
		invoke("changedRecords", TestEvents.genericEvent("[{\"Id\":\"1\",\"Name\":\"A\"},{\"Id\":\"2\"}]", 14));
		assertThat(this.listeners.received).containsExactly(List.of(new Account("1", "A"), new Account("2", null)));
	}

	@Test
	void commonHeadersAreResolved() throws Exception {
		invoke("commonHeaders", TestEvents.pushTopic(15));
		assertThat(this.listeners.received).containsExactly("/topic/Accounts", 15L, TestEvents.CREATED,
				"test-listener");
	}

	@Test
	void pushTopicHeadersAreResolved() throws Exception {
		invoke("pushTopicHeaders", TestEvents.pushTopic(16));
		assertThat(this.listeners.received).containsExactly("updated");
	}

	@Test
	void platformEventHeadersAreResolved() throws Exception {
		invoke("platformEventHeaders", TestEvents.platformEvent(17));
		assertThat(this.listeners.received).containsExactly("uuid-1", "abc123");
	}

	@Test
	void changeEventHeadersAreResolved() throws Exception {
		ChangeEvent event = TestEvents.changeEvent(18);
		invoke("changeEventHeaders", event);
		assertThat(this.listeners.received).containsExactly(event.header(), ChangeType.UPDATE, "cdc-schema");
	}

	@Test
	void absentHeaderIsAnEmptyOptional() throws Exception {
		invoke("optionalCreatedDate", TestEvents.genericEvent("x", 19));
		assertThat(this.listeners.received).containsExactly(Optional.empty());
	}

	@Test
	void headersMapAndMessageAreResolved() throws Exception {
		GenericEvent event = TestEvents.genericEvent("x", 20);
		invoke("headersAndMessage", event);
		assertThat(this.listeners.received).hasSize(2);
		assertThat(((Map<?, ?>) this.listeners.received.get(0)).get(SalesforceHeaders.REPLAY_ID)).isEqualTo(20L);
		assertThat(((Message<?>) this.listeners.received.get(1)).getPayload()).isSameAs(event);
	}

	@Test
	void messageOfAPojoIsConverted() throws Exception {
		invoke("messageOfOrder", TestEvents.platformEvent(21));
		Message<?> message = (Message<?>) this.listeners.received.get(0);
		assertThat(message.getPayload()).isEqualTo(new Order("O-42", new BigDecimal("99.5")));
		assertThat(message.getHeaders().get(SalesforceHeaders.CHANNEL)).isEqualTo("/event/Order__e");
	}

	@Test
	void listenerExceptionIsRethrownAsIs() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> invoke("failing", TestEvents.pushTopic(22)))
			.withMessage("boom");
	}

	private void invoke(String methodName, StreamingEvent event) throws Exception {
		Method method = Arrays.stream(Listeners.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		ReflectionUtils.makeAccessible(method);
		SalesforceListenerEndpointRegistrar registrar = new SalesforceListenerEndpointRegistrar();
		MessagingMessageListenerAdapter adapter = new MessagingMessageListenerAdapter(
				registrar.getMessageHandlerMethodFactory().createInvocableHandlerMethod(this.listeners, method),
				"test-listener");
		adapter.handle(event);
	}

	record Account(String id, String name) {
	}

	record Order(@JsonProperty("Order_Number__c") String number, @JsonProperty("Amount__c") BigDecimal amount) {
	}

	record BadOrder(@JsonProperty("Order_Number__c") int number) {
	}

	static class Listeners {

		final List<Object> received = new ArrayList<>();

		void pushTopic(PushTopicEvent event) {
			this.received.add(event);
		}

		void anyEvent(StreamingEvent event) {
			this.received.add(event);
		}

		void object(@Payload Object event) {
			this.received.add(event);
		}

		void jsonNode(JsonNode data) {
			this.received.add(data);
		}

		void objectNode(ObjectNode data) {
			this.received.add(data);
		}

		void map(Map<String, Object> data) {
			this.received.add(data);
		}

		void string(String data) {
			this.received.add(data);
		}

		void account(Account account) {
			this.received.add(account);
		}

		void order(Order order) {
			this.received.add(order);
		}

		void badOrder(BadOrder order) {
			this.received.add(order);
		}

		void changedRecords(List<Account> accounts) {
			this.received.add(accounts);
		}

		void commonHeaders(@Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.REPLAY_ID) long replayId,
				@Header(SalesforceHeaders.CREATED_DATE) Instant createdDate,
				@Header(SalesforceHeaders.LISTENER_ID) String listenerId) {
			this.received.addAll(List.of(channel, replayId, createdDate, listenerId));
		}

		void pushTopicHeaders(@Header(SalesforceHeaders.EVENT_TYPE) String type) {
			this.received.add(type);
		}

		void platformEventHeaders(@Header(SalesforceHeaders.EVENT_UUID) String uuid,
				@Header(SalesforceHeaders.SCHEMA) String schema) {
			this.received.addAll(List.of(uuid, schema));
		}

		void changeEventHeaders(@Header(SalesforceHeaders.CHANGE_EVENT_HEADER) ChangeEventHeader header,
				@Header(SalesforceHeaders.CHANGE_TYPE) ChangeType changeType,
				@Header(SalesforceHeaders.SCHEMA) String schema) {
			this.received.addAll(List.of(header, changeType, schema));
		}

		void optionalCreatedDate(@Header(SalesforceHeaders.CREATED_DATE) Optional<Instant> createdDate) {
			this.received.add(createdDate);
		}

		void headersAndMessage(@Headers Map<String, Object> headers, Message<?> message) {
			this.received.addAll(List.of(headers, message));
		}

		void messageOfOrder(Message<Order> message) {
			this.received.add(message);
		}

		void failing(PushTopicEvent event) {
			throw new IllegalStateException("boom");
		}

	}

}
