package io.github.sfstreaming.sample;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.client.StreamingException;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;

/**
 * In demo mode, publishes an event on each of the four channels every {@code sample.demo.interval}
 * (default 400 ms: a few events per second on each channel). The platform event and the generic event go
 * through {@link SalesforceStreamingOperations}, as an application publishes them; PushTopic and change events
 * come from record changes in Salesforce, which the emulator stands in for.
 */
@Component
@EnableScheduling
@ConditionalOnBooleanProperty(DemoModeInitializer.DEMO_ENABLED_PROPERTY)
class DemoEventPublisher {

	private static final Logger logger = LoggerFactory.getLogger(DemoEventPublisher.class);

	private final SalesforceStreamingEmulator emulator;

	private final SalesforceStreamingOperations template;

	private final SampleChannels channels;

	private final AtomicInteger sequence = new AtomicInteger();

	DemoEventPublisher(SalesforceStreamingEmulator emulator, SalesforceStreamingOperations template,
			Environment environment) {
		this.emulator = emulator;
		this.template = template;
		this.channels = SampleChannels.from(environment);
	}

	@Scheduled(initialDelayString = "${sample.demo.initial-delay:2s}", fixedRateString = "${sample.demo.interval:400ms}")
	void publish() {
		int n = this.sequence.incrementAndGet();
		String invoice = "INV-%05d".formatted(n);
		this.emulator.publish(this.channels.pushTopic(), """
				{"Id":"a0%013d","Name":"%s","Status__c":"%s","Amount__c":%d.50}"""
			.formatted(n, invoice, (n % 3 == 0) ? "Closed" : "Open", 100 + n));
		try {
			this.template.publish(this.channels.platformEvent(),
					Map.of("Order_Number__c", "ORD-%05d".formatted(n), "Total__c", 20 * n));
		}
		catch (StreamingException ex) {
			logger.warn("DEMO: could not publish order {}: {}", n, ex.getMessage());
		}
		this.emulator.publish(this.channels.changeEvent(), """
				{"ChangeEventHeader":{"entityName":"Account","changeType":"%s","recordIds":["001%015d"],
				"changedFields":["Name"]},"Name":"Account %d"}""".formatted((n % 5 == 0) ? "UPDATE" : "CREATE", n, n));
		try {
			this.template.push(this.channels.generic(), "Demo notification #%d".formatted(n));
		}
		catch (StreamingException ex) {
			logger.warn("DEMO: could not push notification {}: {}", n, ex.getMessage());
		}
	}

}
