package io.github.sfstreaming.spring.autoconfigure.pubsub;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingProperties.Transport;

/**
 * Matches when {@code salesforce.streaming.transport} is {@code pubsub}, bound as the properties bind it (so
 * {@code PUBSUB} or {@code pub-sub} match too, as they would select it).
 */
class OnPubSubTransportCondition extends SpringBootCondition {

	static final String PROPERTY = "salesforce.streaming.transport";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Transport transport = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Transport.class)
			.orElse(Transport.COMETD);
		ConditionMessage.Builder message = ConditionMessage.forCondition("Salesforce streaming transport");
		String value = transport.name().toLowerCase(Locale.ROOT);
		return (transport == Transport.PUBSUB) ? ConditionOutcome.match(message.because(PROPERTY + " is " + value))
				: ConditionOutcome.noMatch(message.because(PROPERTY + " is " + value));
	}

}
