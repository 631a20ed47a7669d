package io.github.sfstreaming.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one channel model: each kind by its prefix, and what is not a Salesforce channel.
 */
class ChannelKindTests {

	@Test
	void eachKindIsToldByItsPrefix() {
		assertThat(ChannelKind.of("/topic/Invoices")).isEqualTo(ChannelKind.PUSH_TOPIC);
		assertThat(ChannelKind.of("/topic/Invoices?Status__c=Open")).isEqualTo(ChannelKind.PUSH_TOPIC);
		assertThat(ChannelKind.of("/u/Notifications")).isEqualTo(ChannelKind.GENERIC);
		assertThat(ChannelKind.of("/event/Order__e")).isEqualTo(ChannelKind.PLATFORM_EVENT);
		assertThat(ChannelKind.of("/data/ChangeEvents")).isEqualTo(ChannelKind.CHANGE_EVENT);
		assertThat(ChannelKind.of("/data/Sales__chn")).isEqualTo(ChannelKind.CHANGE_EVENT);
		assertThat(ChannelKind.CHANGE_EVENT.eventType()).isEqualTo(ChangeEvent.class);
	}

	@Test
	void otherNamesAreNoSalesforceChannel() {
		assertThat(ChannelKind.of("/meta/connect")).isNull();
		assertThat(ChannelKind.of("/topic/")).isNull();
		assertThat(ChannelKind.of("/event/Order __e")).isNull();
		assertThat(ChannelKind.of("topic/Invoices")).isNull();
		assertThat(ChannelKind.of("/custom/X")).isNull();
		assertThat(ChannelKind.describeValidNames()).isEqualTo("/topic/..., /u/..., /event/..., /data/...");
	}

}
