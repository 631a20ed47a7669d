package io.github.sfstreaming.spring.support;

import org.junit.jupiter.api.Test;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PushTopicEvent;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceChannelTests {

	@Test
	void kindsAreToldApartByPrefix() {
		assertThat(SalesforceChannel.of("/topic/InvoiceUpdates")).isEqualTo(SalesforceChannel.PUSH_TOPIC);
		assertThat(SalesforceChannel.of("/topic/InvoiceUpdates?Status__c=Open")).isEqualTo(SalesforceChannel.PUSH_TOPIC);
		assertThat(SalesforceChannel.of("/u/Notifications")).isEqualTo(SalesforceChannel.GENERIC);
		assertThat(SalesforceChannel.of("/event/Order__e")).isEqualTo(SalesforceChannel.PLATFORM_EVENT);
		assertThat(SalesforceChannel.of("/data/ChangeEvents")).isEqualTo(SalesforceChannel.CHANGE_EVENT);
	}

	@Test
	void otherNamesAreNotSalesforceChannels() {
		assertThat(SalesforceChannel.of("InvoiceUpdates")).isNull();
		assertThat(SalesforceChannel.of("/topic/")).isNull();
		assertThat(SalesforceChannel.of("/topic/Invoice Updates")).isNull();
		assertThat(SalesforceChannel.of("/meta/handshake")).isNull();
		assertThat(SalesforceChannel.of("topic/InvoiceUpdates")).isNull();
	}

	@Test
	void eachKindHasItsEventTypeAndHeaders() {
		assertThat(SalesforceChannel.PUSH_TOPIC.eventType()).isEqualTo(PushTopicEvent.class);
		assertThat(SalesforceChannel.CHANGE_EVENT.eventType()).isEqualTo(ChangeEvent.class);
		assertThat(SalesforceChannel.PUSH_TOPIC.headers()).contains(SalesforceHeaders.EVENT_TYPE,
				SalesforceHeaders.REPLAY_ID).doesNotContain(SalesforceHeaders.CHANGE_EVENT_HEADER);
		assertThat(SalesforceChannel.CHANGE_EVENT.headers()).contains(SalesforceHeaders.CHANGE_EVENT_HEADER,
				SalesforceHeaders.CHANGE_TYPE, SalesforceHeaders.SCHEMA, SalesforceHeaders.CHANNEL);
		assertThat(SalesforceHeaders.ALL).containsAll(SalesforceChannel.CHANGE_EVENT.headers());
	}

}
