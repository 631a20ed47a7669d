package io.github.sfstreaming.spring.support.micrometer;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The {@link ListenerCallTimers} of a registry whose only handler is Micrometer's default meter handler; loaded
 * only when Micrometer's core is on the class path.
 * <p>Micrometer keeps a registry's handlers, filters and conventions, and the default handler its meter registry,
 * to itself: they are read reflectively, and anything unexpected (another Micrometer, a module system that
 * forbids it, a native image without the hints) means every call is observed as before.
 */
final class MeterListenerCallTimers extends ListenerCallTimers {

	/** Spring Boot's filter (common key values) and predicate ({@code enable}) of {@code management.observations}. */
	static final String BOOT_PROPERTIES_FILTER =
			"org.springframework.boot.micrometer.observation.autoconfigure.PropertiesObservationFilterPredicate";

	private static final Timing DISABLED = new Timing(null, null);

	private final ObservationRegistry observationRegistry;

	private final MeterRegistry meterRegistry;

	private final boolean longTaskTimer;

	private final List<ObservationFilter> filters;

	/** Per listener id, per channel: its meters. */
	private final Map<String, Map<String, Timing>> timings = new ConcurrentHashMap<>();

	private MeterListenerCallTimers(ObservationRegistry observationRegistry, MeterRegistry meterRegistry,
			boolean longTaskTimer, List<ObservationFilter> filters) {
		this.observationRegistry = observationRegistry;
		this.meterRegistry = meterRegistry;
		this.longTaskTimer = longTaskTimer;
		this.filters = filters;
	}

	static @Nullable ListenerCallTimers forRegistry(ObservationRegistry registry) {
		try {
			ObservationRegistry.ObservationConfig config = registry.observationConfig();
			if (!collection(config, "getObservationConventions").isEmpty()) {
				return null;
			}
			List<ObservationFilter> filters = new ArrayList<>();
			for (Object filter : collection(config, "getObservationFilters")) {
				if (!filter.getClass().getName().equals(BOOT_PROPERTIES_FILTER)) {
					return null;
				}
				filters.add((ObservationFilter) filter);
			}
			Collection<?> handlers = collection(config, "getObservationHandlers");
			if (handlers.size() != 1) {
				return null;
			}
			Object handler = handlers.iterator().next();
			if (handler instanceof ObservationHandler.FirstMatchingCompositeObservationHandler group) {
				// the default meter handler takes every context: the ones after it are never asked
				handler = group.getHandlers().isEmpty() ? null : group.getHandlers().get(0);
			}
			if (handler == null || handler.getClass() != DefaultMeterObservationHandler.class) {
				return null;
			}
			MeterRegistry meters = (MeterRegistry) field(handler, "meterRegistry");
			boolean longTask = (Boolean) field(handler, "shouldCreateLongTaskTimer");
			return new MeterListenerCallTimers(registry, meters, longTask, List.copyOf(filters));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static Collection<?> collection(Object target, String method) throws ReflectiveOperationException {
		Method getter = target.getClass().getDeclaredMethod(method);
		getter.setAccessible(true);
		return (Collection<?>) getter.invoke(target);
	}

	private static Object field(Object target, String name) throws ReflectiveOperationException {
		Field field = target.getClass().getDeclaredField(name);
		field.setAccessible(true);
		return field.get(target);
	}

	@Override
	public @Nullable Object start(String listenerId, StreamingEvent event) {
		Timing timing = this.timings.computeIfAbsent(listenerId, (id) -> new ConcurrentHashMap<>())
			.computeIfAbsent(event.channel(), (channel) -> timing(listenerId, event));
		if (timing == DISABLED) {
			return null;
		}
		LongTaskTimer activeTimer = timing.active();
		LongTaskTimer.Sample active = (activeTimer != null) ? activeTimer.start() : null;
		return new Call(timing, listenerId, event, active, Timer.start(this.meterRegistry));
	}

	@Override
	public void stop(@Nullable Object call, @Nullable Throwable error) {
		if (!(call instanceof Call timed)) {
			return;
		}
		Timer timer = (error != null) ? failureTimer(timed, error) : timed.timing().success();
		if (timer != null) {
			timed.sample().stop(timer);
		}
		LongTaskTimer.Sample active = timed.active();
		if (active != null) {
			active.stop();
		}
	}

	/**
	 * The meters of a listener and channel: what the default handler would make of the observation of a
	 * successful call (its tags are the same for every call of the pair).
	 */
	private Timing timing(String listenerId, StreamingEvent event) {
		SalesforceListenerReceiverContext context = new SalesforceListenerReceiverContext(listenerId, event);
		if (observation(context).isNoop()) {
			return DISABLED;
		}
		DefaultSalesforceListenerObservationConvention convention =
				DefaultSalesforceListenerObservationConvention.INSTANCE;
		String name = convention.getName();
		context.addLowCardinalityKeyValues(convention.getLowCardinalityKeyValues(context));
		// as at an observation's start: the convention's tags only
		LongTaskTimer active = this.longTaskTimer
				? LongTaskTimer.builder(name + ".active").tags(tags(context)).register(this.meterRegistry) : null;
		List<Tag> tags = tags(filtered(context));
		tags.add(Tag.of("error", "none"));
		return new Timing(this.meterRegistry.timer(name, tags), active);
	}

	/** The timer of a failed call: per call, as the tags name the exception (failures are rare). */
	private Timer failureTimer(Call call, Throwable error) {
		SalesforceListenerReceiverContext context = new SalesforceListenerReceiverContext(call.listenerId(),
				call.event());
		context.setError(error);
		context.addLowCardinalityKeyValues(
				DefaultSalesforceListenerObservationConvention.INSTANCE.getLowCardinalityKeyValues(context));
		List<Tag> tags = tags(filtered(context));
		tags.add(Tag.of("error", error.getClass().getSimpleName()));
		return this.meterRegistry.timer(DefaultSalesforceListenerObservationConvention.INSTANCE.getName(), tags);
	}

	private Observation observation(SalesforceListenerReceiverContext context) {
		return SalesforceListenerObservation.LISTENER_OBSERVATION.observation(null,
				DefaultSalesforceListenerObservationConvention.INSTANCE, () -> context, this.observationRegistry);
	}

	private Observation.Context filtered(Observation.Context context) {
		Observation.Context filtered = context;
		for (ObservationFilter filter : this.filters) {
			filtered = filter.map(filtered);
		}
		return filtered;
	}

	private static List<Tag> tags(Observation.Context context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return tags;
	}

	/** The meters of one listener and channel. */
	private record Timing(@Nullable Timer success, @Nullable LongTaskTimer active) {
	}

	/** One timed call. */
	private record Call(Timing timing, String listenerId, StreamingEvent event,
			LongTaskTimer.@Nullable Sample active, Timer.Sample sample) {
	}

}
