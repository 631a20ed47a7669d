package io.github.sfstreaming.sample;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * In demo mode, publishes an event on each of the four channels every {@code sample.demo.interval}
 * (default 400 ms: a few events per second on each channel), as Salesforce would when records change.
 */
@Component
@EnableScheduling
@ConditionalOnBooleanProperty(DemoModeInitializer.DEMO_ENABLED_PROPERTY)
class DemoEventPublisher {

	private final SalesforceStreamingEmulator emulator;

	private final SampleChannels channels;

	private final AtomicInteger sequence = new AtomicInteger();

	DemoEventPublisher(SalesforceStreamingEmulator emulator, Environment environment) {
		this.emulator = emulator;
		this.channels = SampleChannels.from(environment);
	}

	@Scheduled(initialDelayString = "${sample.demo.initial-delay:2s}", fixedRateString = "${sample.demo.interval:400ms}")
	void publish() {
		int n = this.sequence.incrementAndGet();
		String invoice = "INV-%05d".formatted(n);
		this.emulator.publish(this.channels.pushTopic(), """
				{"Id":"a0%013d","Name":"%s","Status__c":"%s","Amount__c":%d.50}"""
			.formatted(n, invoice, (n % 3 == 0) ? "Closed" : "Open", 100 + n));
		this.emulator.publish(this.channels.platformEvent(), """
				{"Order_Number__c":"ORD-%05d","Total__c":%d,"CreatedDate":"%s"}""".formatted(n, 20 * n, Instant.now()));
		this.emulator.publish(this.channels.changeEvent(), """
				{"ChangeEventHeader":{"entityName":"Account","changeType":"%s","recordIds":["001%015d"],
				"changedFields":["Name"]},"Name":"Account %d"}""".formatted((n % 5 == 0) ? "UPDATE" : "CREATE", n, n));
		this.emulator.publish(this.channels.generic(), "\"Demo notification #%d\"".formatted(n));
	}

}
