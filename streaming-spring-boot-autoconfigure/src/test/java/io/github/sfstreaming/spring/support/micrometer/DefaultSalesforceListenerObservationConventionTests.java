package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.spring.listener.ListenerExecutionFailedException;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default convention's tags, kept per listener and channel for successful calls.
 */
class DefaultSalesforceListenerObservationConventionTests {

	private final DefaultSalesforceListenerObservationConvention convention =
			new DefaultSalesforceListenerObservationConvention();

	@Test
	void successTagsAreBuiltOncePerListenerAndChannel() {
		KeyValues first = this.convention
			.getLowCardinalityKeyValues(new SalesforceListenerReceiverContext("l1", TestEvents.pushTopic(1)));
		KeyValues second = this.convention
			.getLowCardinalityKeyValues(new SalesforceListenerReceiverContext("l1", TestEvents.pushTopic(2)));
		assertThat(second).isSameAs(first);
		assertThat(first).containsExactlyInAnyOrder(KeyValue.of("listener.id", "l1"),
				KeyValue.of("channel", "/topic/Accounts"), KeyValue.of("result", "success"),
				KeyValue.of("exception", "none"), KeyValue.of("messaging.system", "salesforce"));
	}

	@Test
	void otherChannelOrListenerHasItsOwnTags() {
		KeyValues accounts = this.convention
			.getLowCardinalityKeyValues(new SalesforceListenerReceiverContext("l1", TestEvents.pushTopic(1)));
		KeyValues orders = this.convention
			.getLowCardinalityKeyValues(new SalesforceListenerReceiverContext("l1", TestEvents.platformEvent(1)));
		KeyValues otherListener = this.convention
			.getLowCardinalityKeyValues(new SalesforceListenerReceiverContext("l2", TestEvents.pushTopic(1)));
		assertThat(orders).contains(KeyValue.of("channel", "/event/Order__e"));
		assertThat(otherListener).contains(KeyValue.of("listener.id", "l2"));
		assertThat(accounts).contains(KeyValue.of("channel", "/topic/Accounts"), KeyValue.of("listener.id", "l1"));
	}

	@Test
	void failureTagsNameTheListenersException() {
		SalesforceListenerReceiverContext context = new SalesforceListenerReceiverContext("l1",
				TestEvents.pushTopic(3));
		this.convention.getLowCardinalityKeyValues(context);
		context.setError(new ListenerExecutionFailedException("l1", TestEvents.pushTopic(3),
				new IllegalStateException("boom")));
		assertThat(this.convention.getLowCardinalityKeyValues(context)).contains(KeyValue.of("result", "failure"),
				KeyValue.of("exception", "IllegalStateException"));
		assertThat(this.convention.getLowCardinalityKeyValues(
				new SalesforceListenerReceiverContext("l1", TestEvents.pushTopic(4))))
			.contains(KeyValue.of("result", "success"));
	}

	@Test
	void contextualNameIsTheChannelsReceive() {
		assertThat(this.convention
			.getContextualName(new SalesforceListenerReceiverContext("l1", TestEvents.pushTopic(1))))
			.isEqualTo("/topic/Accounts receive");
	}

}
