package io.github.sfstreaming.spring.support.micrometer;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * Times listener calls straight into Micrometer meters when an {@link ObservationRegistry} has nothing but
 * Micrometer's {@code DefaultMeterObservationHandler} to tell about them, as in an application with Actuator and
 * no tracing: the same timer and long task timer, with the same names and tags, as the handler makes from the
 * {@link SalesforceListenerObservation listener observation}, without building an observation, its context and
 * its scope, and looking the meters up by their tags, twice per event. Those were the largest cost of a listener
 * call draining a backlog on a cold JVM.
 * <p>Used only when the observation could not tell anyone more: the default convention, no global convention,
 * one handler that is Micrometer's default meter handler (alone or first of a first-matching group), and no
 * filter but Spring Boot's {@code management.observations.*} one, whose common key values become tags as they
 * would. Predicates ({@code management.observations.enable.*}) are asked once per listener and channel. A
 * container decides when it starts, from the registry as it is then. Unlike an observation, a timed call is not the
 * registry's current observation while the listener runs.
 */
public abstract class ListenerCallTimers {

	private static final boolean METERS_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			ListenerCallTimers.class.getClassLoader());

	ListenerCallTimers() {
	}

	/**
	 * The timers for listener calls observed through a registry, if the registry allows them.
	 * @param registry the observation registry
	 * @param convention the listener's custom convention, or {@code null} for the default
	 * @return the timers, or {@code null} when each call must be observed
	 */
	public static @Nullable ListenerCallTimers forRegistry(ObservationRegistry registry,
			@Nullable SalesforceListenerObservationConvention convention) {
		if (!METERS_PRESENT || convention != null || registry.isNoop()) {
			return null;
		}
		return MeterListenerCallTimers.forRegistry(registry);
	}

	/**
	 * Starts timing a call.
	 * @param listenerId the listener's id
	 * @param event the event it is called with
	 * @return what {@link #stop} needs, or {@code null} if the observation is disabled for this listener
	 */
	public abstract @Nullable Object start(String listenerId, StreamingEvent event);

	/**
	 * Stops timing a call.
	 * @param call what {@link #start} returned
	 * @param error what the call failed with, as the observation would record it, or {@code null}
	 */
	public abstract void stop(@Nullable Object call, @Nullable Throwable error);

}
