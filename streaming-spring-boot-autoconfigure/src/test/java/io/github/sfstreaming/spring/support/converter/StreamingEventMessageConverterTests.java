package io.github.sfstreaming.spring.support.converter;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingEventMessageConverterTests {

	@Test
	void messageThatIsNotAnEventIsLeftToOtherConverters() {
		StreamingEventMessageConverter converter = new StreamingEventMessageConverter();
		assertThat(converter.fromMessage(new GenericMessage<>("text"), String.class)).isNull();
	}

	@Test
	void writingIsNotSupported() {
		StreamingEventMessageConverter converter = new StreamingEventMessageConverter();
		assertThat(converter.toMessage(TestEvents.pushTopic(1), null)).isNull();
	}

	@Test
	void applicationMapperSettingsApplyButUnknownPropertiesAreIgnored() {
		JsonMapper strict = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.propertyNamingStrategy(PropertyNamingStrategies.UPPER_SNAKE_CASE)
			.build();
		StreamingEventMessageConverter converter = new StreamingEventMessageConverter(strict);
		PlatformEvent event = TestEvents.platformEvent(1);
		Object order = converter.fromMessage(MessageBuilder.withPayload(event).build(), Order.class);
		assertThat(order).isEqualTo(new Order("O-42"));
	}

	@Test
	void applicationMapperIsNotChanged() {
		JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		new StreamingEventMessageConverter(strict);
		assertThat(strict.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
	}

	// UPPER_SNAKE_CASE turns orderNumber__c into ORDER_NUMBER__C, matched case-insensitively.
	record Order(String orderNumber__c) {
	}

}
