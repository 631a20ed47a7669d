package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingPublishProperties.PublishTransport;

/**
 * Matches unless {@code salesforce.streaming.publish.transport} is {@code rest}: unset, publishing follows the
 * Pub/Sub transport this condition is only asked under. Bound as the properties bind it.
 */
class OnPubSubPublishingCondition extends SpringBootCondition {

	static final String PROPERTY = "salesforce.streaming.publish.transport";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		PublishTransport transport = Binder.get(context.getEnvironment())
			.bind(PROPERTY, PublishTransport.class)
			.orElse(null);
		ConditionMessage.Builder message = ConditionMessage.forCondition("Salesforce publish transport");
		if (transport == null) {
			return ConditionOutcome.match(message.because(PROPERTY + " is not set: publishing follows the transport"));
		}
		String value = transport.name().toLowerCase(Locale.ROOT);
		return (transport == PublishTransport.PUBSUB)
				? ConditionOutcome.match(message.because(PROPERTY + " is " + value))
				: ConditionOutcome.noMatch(message.because(PROPERTY + " is " + value));
	}

}
