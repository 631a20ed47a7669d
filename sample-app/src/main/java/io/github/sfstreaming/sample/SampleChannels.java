package io.github.sfstreaming.sample;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The sample's four channels, one per Salesforce channel kind, each overridable by a property.
 *
 * @param pushTopic {@code sample.channels.push-topic}
 * @param platformEvent {@code sample.channels.platform-event}
 * @param changeEvent {@code sample.channels.change-event}
 * @param generic {@code sample.channels.generic}
 */
public record SampleChannels(String pushTopic, String platformEvent, String changeEvent, String generic) {

	static final String PUSH_TOPIC = "${sample.channels.push-topic:/topic/InvoiceStatementUpdates}";

	static final String PLATFORM_EVENT = "${sample.channels.platform-event:/event/OrderPlaced__e}";

	static final String CHANGE_EVENT = "${sample.channels.change-event:/data/AccountChangeEvent}";

	static final String GENERIC = "${sample.channels.generic:/u/Notifications}";

	/** Resolves the four channels from the environment, with the same defaults as the listeners. */
	public static SampleChannels from(Environment environment) {
		return new SampleChannels(environment.resolvePlaceholders(PUSH_TOPIC),
				environment.resolvePlaceholders(PLATFORM_EVENT), environment.resolvePlaceholders(CHANGE_EVENT),
				environment.resolvePlaceholders(GENERIC));
	}

	/** The four channels. */
	public List<String> all() {
		return List.of(this.pushTopic, this.platformEvent, this.changeEvent, this.generic);
	}

}
