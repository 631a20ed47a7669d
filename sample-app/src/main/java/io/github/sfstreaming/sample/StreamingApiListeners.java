package io.github.sfstreaming.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

/**
 * The listeners of the channels only the Streaming API (CometD) carries: a PushTopic and a generic streaming
 * channel. Left out with {@code salesforce.streaming.transport=pubsub}, where the starter would refuse them at
 * start-up (the Pub/Sub API carries platform events and Change Data Capture only).
 */
@Component
@ConditionalOnProperty(name = "salesforce.streaming.transport", havingValue = "cometd", matchIfMissing = true)
class StreamingApiListeners {

	private static final Logger logger = LoggerFactory.getLogger(StreamingApiListeners.class);

	/** A PushTopic, its record converted to a POJO. */
	@SalesforceListener(id = "invoices", value = SampleChannels.PUSH_TOPIC)
	void onInvoice(InvoiceStatement invoice, @Header(SalesforceHeaders.CHANNEL) String channel,
			@Header(SalesforceHeaders.REPLAY_ID) long replayId, @Header(SalesforceHeaders.EVENT_TYPE) String type) {
		logger.info("channel={} replayId={} {} invoice {} status={} amount={}", channel, replayId, type,
				invoice.name(), invoice.status(), invoice.amount());
	}

	/** A generic streaming channel, whose payload is a string. */
	@SalesforceListener(id = "notifications", value = SampleChannels.GENERIC)
	void onNotification(@Payload String payload, @Header(SalesforceHeaders.CHANNEL) String channel,
			@Header(SalesforceHeaders.REPLAY_ID) long replayId) {
		logger.info("channel={} replayId={} notification \"{}\"", channel, replayId, payload);
	}

}
