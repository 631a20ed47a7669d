package io.github.sfstreaming.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * The listeners of the channels both transports carry: a platform event and a Change Data Capture channel. Each
 * logs one line per event; the starter stores the event's replay id once the method has returned. The PushTopic
 * and generic streaming listeners are in {@link StreamingApiListeners}.
 */
@Component
class SampleListeners {

	private static final Logger logger = LoggerFactory.getLogger(SampleListeners.class);

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

}
