package io.github.sfstreaming.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * One listener per Salesforce channel kind. Each logs one line per event; the starter stores the event's
 * replay id once the method has returned.
 */
@Component
class SampleListeners {

	private static final Logger logger = LoggerFactory.getLogger(SampleListeners.class);

	/** A PushTopic, its record converted to a POJO. */
	@SalesforceListener(id = "invoices", value = SampleChannels.PUSH_TOPIC)
	void onInvoice(InvoiceStatement invoice, @Header(SalesforceHeaders.CHANNEL) String channel,
			@Header(SalesforceHeaders.REPLAY_ID) long replayId, @Header(SalesforceHeaders.EVENT_TYPE) String type) {
		logger.info("channel={} replayId={} {} invoice {} status={} amount={}", channel, replayId, type,
				invoice.name(), invoice.status(), invoice.amount());
	}

	/** A platform event, as the typed event. */
	@SalesforceListener(id = "orders", value = SampleChannels.PLATFORM_EVENT)
	void onOrder(PlatformEvent event) {
		logger.info("channel={} replayId={} order {} total={}", event.channel(), event.replayId(),
				event.payload().path("Order_Number__c").asString(), event.payload().path("Total__c").asString());
	}

	/** A Change Data Capture channel, with its change event header. */
	@SalesforceListener(id = "account-changes", value = SampleChannels.CHANGE_EVENT)
	void onAccountChange(ChangeEvent event) {
		logger.info("channel={} replayId={} {} {} {} fields={}", event.channel(), event.replayId(),
				event.header().changeType(), event.header().entityName(), event.header().recordIds(),
				event.header().changedFields());
	}

	/** A generic streaming channel, whose payload is a string. */
	@SalesforceListener(id = "notifications", value = SampleChannels.GENERIC)
	void onNotification(@Payload String payload, @Header(SalesforceHeaders.CHANNEL) String channel,
			@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
		logger.info("channel={} replayId={} notification \"{}\"", channel, replayId, payload);
	}

}
