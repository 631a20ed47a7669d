package io.github.sfstreaming.spring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries, classification and recovery, driven through a {@link DefaultSalesforceListenerContainer}; the
 * deprecated {@code BackOff} constructor keeps working.
 */
@SuppressWarnings("removal")
class DefaultListenerErrorHandlerTests {

	private final List<Exception> recovered = new ArrayList<>();

	private final EventRecoverer recoverer = (event, cause) -> this.recovered.add(cause);

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void retriesThenRecovers() throws Exception {
		handle(new DefaultListenerErrorHandler(new FixedBackOff(0, 3), this.recoverer), failing(100));
		assertThat(this.calls).hasValue(4);
		assertThat(this.recovered).singleElement()
			.isInstanceOfSatisfying(ListenerExecutionFailedException.class, (failure) -> {
				assertThat(failure.getListenerId()).isEqualTo("accounts");
				assertThat(failure.getEvent().replayId()).isEqualTo(7);
				assertThat(failure).hasRootCauseMessage("failure 4");
			});
	}

	@Test
	void stopsRetryingWhenTheListenerSucceeds() throws Exception {
		handle(new DefaultListenerErrorHandler(new FixedBackOff(0, 5), this.recoverer), failing(2));
		assertThat(this.calls).hasValue(3);
		assertThat(this.recovered).isEmpty();
	}

	@Test
	void exponentialBackOffWithMaxAttemptsBoundsTheRetries() throws Exception {
		ExponentialBackOff backOff = new ExponentialBackOff(1, 1.5);
		backOff.setMaxAttempts(2);
		handle(new DefaultListenerErrorHandler(backOff, this.recoverer), failing(100));
		assertThat(this.calls).hasValue(3);
		assertThat(this.recovered).hasSize(1);
	}

	@Test
	void conversionErrorSkipsTheRetries() throws Exception {
		EventHandler listener = (event) -> {
			this.calls.incrementAndGet();
			throw new MessageConversionException(new GenericMessage<>(event), "cannot convert");
		};
		handle(new DefaultListenerErrorHandler(new FixedBackOff(0, 5), this.recoverer), listener);
		assertThat(this.calls).hasValue(1);
		assertThat(this.recovered).singleElement()
			.satisfies((failure) -> assertThat(failure).hasCauseInstanceOf(MessageConversionException.class));
	}

	@Test
	void notRetryableErrorDuringRetriesEndsThem() throws Exception {
		EventHandler listener = (event) -> {
			if (this.calls.incrementAndGet() == 1) {
				throw new IllegalStateException("transient");
			}
			throw new MessageConversionException("permanent");
		};
		handle(new DefaultListenerErrorHandler(new FixedBackOff(0, 5), this.recoverer), listener);
		assertThat(this.calls).hasValue(2);
		assertThat(this.recovered).singleElement()
			.satisfies((failure) -> assertThat(failure).hasRootCauseMessage("permanent"));
	}

	@Test
	void addedNotRetryableTypesAreMatchedAnywhereInTheCauseChain() throws Exception {
		DefaultListenerErrorHandler errorHandler = new DefaultListenerErrorHandler(new FixedBackOff(0, 5),
				this.recoverer);
		errorHandler.addNotRetryableExceptions(UnsupportedOperationException.class);
		EventHandler listener = (event) -> {
			this.calls.incrementAndGet();
			throw new IllegalStateException("wrapper", new UnsupportedOperationException("root"));
		};
		handle(errorHandler, listener);
		assertThat(this.calls).hasValue(1);
		assertThat(this.recovered).hasSize(1);
	}

	@Test
	void removedDefaultNotRetryableTypeIsRetried() throws Exception {
		DefaultListenerErrorHandler errorHandler = new DefaultListenerErrorHandler(new FixedBackOff(0, 2),
				this.recoverer);
		assertThat(errorHandler.removeNotRetryableException(MessageConversionException.class)).isTrue();
		EventHandler listener = (event) -> {
			this.calls.incrementAndGet();
			throw new MessageConversionException("conversion");
		};
		handle(errorHandler, listener);
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void recovererFailurePropagates() {
		EventRecoverer failingRecoverer = (event, cause) -> {
			throw new IllegalStateException("dead-letter table unavailable", cause);
		};
		DefaultListenerErrorHandler errorHandler = new DefaultListenerErrorHandler(new FixedBackOff(0, 1),
				failingRecoverer);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> handle(errorHandler, failing(100)))
			.withMessage("dead-letter table unavailable");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void interruptDuringTheBackOffGivesUpWithoutRecovering() {
		DefaultListenerErrorHandler errorHandler = new DefaultListenerErrorHandler(new FixedBackOff(60_000, 3),
				this.recoverer);
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(ListenerExecutionFailedException.class)
				.isThrownBy(() -> handle(errorHandler, failing(100)))
				.withRootCauseExactlyInstanceOf(IllegalStateException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.calls).hasValue(1);
		assertThat(this.recovered).isEmpty();
	}

	@Test
	void loggingRecovererMovesOn() throws Exception {
		handle(new DefaultListenerErrorHandler(new FixedBackOff(0, 0), new LoggingEventRecoverer()), failing(100));
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void retryPolicyRetriesAListenerThatFailsTwiceThenSucceeds() throws Exception {
		handle(new DefaultListenerErrorHandler(RetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(1)).build(),
				this.recoverer), failing(2));
		assertThat(this.calls).hasValue(3);
		assertThat(this.recovered).isEmpty();
	}

	@Test
	void retryPolicyMaxRetriesCountsRetriesAfterTheFirstCall() throws Exception {
		handle(new DefaultListenerErrorHandler(RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(1)).build(),
				this.recoverer), failing(100));
		assertThat(this.calls).hasValue(3);
		assertThat(this.recovered).singleElement()
			.satisfies((failure) -> assertThat(failure).hasRootCauseMessage("failure 3"));
	}

	@Test
	void retryPolicyExclusionsMatchNestedCauses() throws Exception {
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(5)
			.delay(Duration.ofMillis(1))
			.excludes(UnsupportedOperationException.class)
			.build();
		EventHandler listener = (event) -> {
			this.calls.incrementAndGet();
			throw new IllegalStateException("wrapper", new UnsupportedOperationException("root"));
		};
		handle(new DefaultListenerErrorHandler(policy, this.recoverer), listener);
		assertThat(this.calls).hasValue(1);
		assertThat(this.recovered).singleElement()
			.satisfies((failure) -> assertThat(failure).hasRootCauseMessage("root"));
	}

	@Test
	void conversionErrorSkipsTheRetriesWhateverThePolicy() throws Exception {
		EventHandler listener = (event) -> {
			this.calls.incrementAndGet();
			throw new MessageConversionException(new GenericMessage<>(event), "cannot convert");
		};
		handle(new DefaultListenerErrorHandler(RetryPolicy.withMaxRetries(5), this.recoverer), listener);
		assertThat(this.calls).hasValue(1);
		assertThat(this.recovered).hasSize(1);
	}

	@Test
	void containerPassesSuccessfulEventsWithoutTheErrorHandler() throws Exception {
		ListenerErrorHandler unexpected = (event, error, invocation) -> {
			throw new AssertionError("error handler called");
		};
		handle(unexpected, failing(0));
		assertThat(this.calls).hasValue(1);
	}

	private EventHandler failing(int failures) {
		return (event) -> {
			int call = this.calls.incrementAndGet();
			if (call <= failures) {
				throw new IllegalStateException("failure " + call);
			}
		};
	}

	private void handle(ListenerErrorHandler errorHandler, EventHandler listener) throws Exception {
		DefaultSalesforceListenerContainer container = new DefaultSalesforceListenerContainer("accounts",
				Set.of("/topic/Accounts"), listener, errorHandler);
		StreamingEvent event = TestEvents.pushTopic(7);
		container.handle(event);
	}

}
