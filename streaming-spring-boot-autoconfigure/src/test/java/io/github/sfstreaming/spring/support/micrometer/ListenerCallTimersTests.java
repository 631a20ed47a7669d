package io.github.sfstreaming.spring.support.micrometer;

import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.config.FakeChannelSubscriber;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;
import io.github.sfstreaming.spring.listener.ListenerChannelRouter;
import io.github.sfstreaming.spring.support.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Listener calls timed straight into meters: only where the observation would tell nothing more, and with the
 * meters it would have made.
 */
class ListenerCallTimersTests {

	private static final String CHANNEL = "/topic/Accounts";

	private final ApplicationContextRunner boot = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void bootsObservationSetupWithActuatorAndNoTracingIsTimedDirectly() {
		this.boot.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			assertThat(ListenerCallTimers.forRegistry(registry, null)).isNotNull();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			deliver(registry, 1, 2);
			assertThat(meters.get("salesforce.streaming.listener").tag("error", "none").timer().count()).isEqualTo(2);
		});
	}

	@Test
	void bootsCommonKeyValuesBecomeTagsAndDisabledObservationsAreNotTimed() {
		this.boot.withPropertyValues("management.observations.key-values.region=eu").run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			assertThat(ListenerCallTimers.forRegistry(registry, null)).isNotNull();
			deliver(registry, 1);
			assertThat(context.getBean(MeterRegistry.class)
				.get("salesforce.streaming.listener")
				.tag("region", "eu")
				.timer()
				.count()).isOne();
		});
		this.boot.withPropertyValues("management.observations.enable.salesforce.streaming.listener=false")
			.run((context) -> {
				deliver(context.getBean(ObservationRegistry.class), 1);
				assertThat(context.getBean(MeterRegistry.class).find("salesforce.streaming.listener").meters())
					.isEmpty();
			});
	}

	@Test
	void timedCallsMakeTheMetersTheirObservationsWouldHaveMade() throws Exception {
		SimpleMeterRegistry timedMeters = new SimpleMeterRegistry();
		ObservationRegistry timed = ObservationRegistry.create();
		timed.observationConfig().observationHandler(new DefaultMeterObservationHandler(timedMeters));
		assertThat(ListenerCallTimers.forRegistry(timed, null)).isNotNull();
		SimpleMeterRegistry observedMeters = new SimpleMeterRegistry();
		ObservationRegistry observed = ObservationRegistry.create();
		observed.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(observedMeters))
			.observationHandler(new NothingHandler());
		assertThat(ListenerCallTimers.forRegistry(observed, null)).isNull();

		deliver(timed, 1, 2, -3);
		deliver(observed, 1, 2, -3);

		assertThat(ids(timedMeters)).isEqualTo(ids(observedMeters))
			.contains("TIMER salesforce.streaming.listener [channel=/topic/Accounts, error=IllegalStateException, "
					+ "exception=IllegalStateException, listener.id=accounts, messaging.system=salesforce, "
					+ "result=failure]");
		for (Meter meter : observedMeters.getMeters()) {
			if (meter instanceof Timer timer) {
				assertThat(timedMeters.get(meter.getId().getName()).tags(meter.getId().getTags()).timer().count())
					.isEqualTo(timer.count());
			}
		}
		assertThat(timedMeters.get("salesforce.streaming.listener").tag("result", "success").timer().count())
			.isEqualTo(2);
	}

	@Test
	void anythingElseThatObservesMeansEveryCallIsObserved() {
		assertThat(ListenerCallTimers.forRegistry(ObservationRegistry.NOOP, null)).isNull();
		assertThat(ListenerCallTimers.forRegistry(meterOnly(), new DefaultSalesforceListenerObservationConvention()))
			.isNull();
		ObservationRegistry otherHandler = meterOnly();
		otherHandler.observationConfig().observationHandler(new NothingHandler());
		assertThat(ListenerCallTimers.forRegistry(otherHandler, null)).isNull();
		ObservationRegistry filtered = meterOnly();
		filtered.observationConfig().observationFilter((context) -> context.addLowCardinalityKeyValue(
				io.micrometer.common.KeyValue.of("tenant", "a")));
		assertThat(ListenerCallTimers.forRegistry(filtered, null)).isNull();
		ObservationRegistry globalConvention = meterOnly();
		globalConvention.observationConfig().observationConvention(new GlobalListenerConvention());
		assertThat(ListenerCallTimers.forRegistry(globalConvention, null)).isNull();
		ObservationRegistry noMeters = ObservationRegistry.create();
		noMeters.observationConfig().observationHandler(new NothingHandler());
		assertThat(ListenerCallTimers.forRegistry(noMeters, null)).isNull();
	}

	private static ObservationRegistry meterOnly() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

	/**
	 * Runs a started container observed through the registry and hands it events; a negative id makes the
	 * listener throw.
	 */
	private static void deliver(ObservationRegistry registry, long... replayIds) throws Exception {
		ListenerChannelRouter router = new ListenerChannelRouter(FakeChannelSubscriber::new);
		EventHandler listener = (event) -> {
			if (event.replayId() < 0) {
				throw new IllegalStateException("Boom");
			}
		};
		DefaultSalesforceListenerContainer container = new DefaultSalesforceListenerContainer("accounts",
				Set.of(CHANNEL), listener, (event, error, invocation) -> {
					throw error;
				});
		container.setObservationRegistry(registry);
		container.setChannelRouter(router);
		container.start();
		for (long replayId : replayIds) {
			StreamingEvent event = TestEvents.pushTopic(CHANNEL, replayId);
			if (replayId < 0) {
				assertThatException().isThrownBy(() -> router.getHandler(CHANNEL).handle(event));
			}
			else {
				router.getHandler(CHANNEL).handle(event);
			}
		}
		container.stop();
	}

	private static Set<String> ids(MeterRegistry meters) {
		return meters.getMeters()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getType() + " " + id.getName() + " " + id.getTags().stream()
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.sorted()
				.collect(Collectors.toList()))
			.collect(Collectors.toSet());
	}

	/** Another handler: its presence alone means each call must be an observation. */
	static final class NothingHandler implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	static final class GlobalListenerConvention
			implements GlobalObservationConvention<SalesforceListenerReceiverContext> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SalesforceListenerReceiverContext;
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(SalesforceListenerReceiverContext context) {
			return KeyValues.of("team", "billing");
		}

	}


}
