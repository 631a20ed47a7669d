package io.github.sfstreaming.benchmarks.cold;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.spring.listener.adapter.MessagingMessageListenerAdapter;
import io.github.sfstreaming.spring.listener.adapter.SalesforceMessageHandlerMethodFactory;
import io.github.sfstreaming.spring.support.SalesforceHeaders;
import io.github.sfstreaming.spring.support.converter.StreamingEventMessageConverter;
import io.github.sfstreaming.spring.support.micrometer.DefaultSalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerHighCardinalityTags;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservation.ListenerLowCardinalityTags;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerObservationConvention;
import io.github.sfstreaming.spring.support.micrometer.SalesforceListenerReceiverContext;

/**
 * The starter's per-event listener path alone, one lever at a time, each variant in a fresh JVM: the sample's
 * PushTopic listener ({@code InvoiceStatement} and three {@code @Header}s, no log line), called the way the
 * listener container calls it, with or without an observation feeding a meter registry as Actuator sets it
 * up. {@code java -jar benchmarks.jar listener-path} runs every variant in alternation and prints, per variant,
 * the cold cost (the first 20,000 events of the JVM) and the warm cost (after 300,000), with the heap allocated
 * per warm event.
 */
public final class ListenerPathBenchmark {

	private static final Map<String, String> VARIANTS = new LinkedHashMap<>();

	static {
		VARIANTS.put("standard", "Spring's per-event argument resolution (DefaultMessageHandlerMethodFactory), "
				+ "no observation");
		VARIANTS.put("prepared", "arguments worked out once per method (SalesforceMessageHandlerMethodFactory), "
				+ "no observation");
		VARIANTS.put("prepared+meter-per-event-tags", "prepared, observed into a meter registry, tags built per "
				+ "event (the convention before)");
		VARIANTS.put("prepared+meter", "prepared, observed into a meter registry, tags kept per listener and "
				+ "channel (the default convention now)");
		VARIANTS.put("standard+meter-per-event-tags", "both levers off: what the sample ran before");
	}

	private static final int COLD_EVENTS = 20_000;

	private static final int WARM_EVENTS = 300_000;

	private ListenerPathBenchmark() {
	}

	/**
	 * Runs the variants, each in its own JVM, or (with {@code listener-path <variant>}) one variant here.
	 * @param args see the class description
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 1) {
			runVariant(args[1]);
			return;
		}
		int repetitions = Integer.parseInt(System.getProperty("cold.repetitions", "3"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String jar = System.getProperty("cold.benchmark-jar", "benchmarks/target/benchmarks.jar");
		Map<String, List<double[]>> results = new LinkedHashMap<>();
		System.out.printf("Listener path, load %s%n", ColdDrainMain.loadAverage());
		for (int repetition = 0; repetition < repetitions; repetition++) {
			for (String variant : VARIANTS.keySet()) {
				Process process = new ProcessBuilder(java, "-jar", jar, "listener-path", variant)
					.redirectError(ProcessBuilder.Redirect.INHERIT)
					.start();
				String output = new String(process.getInputStream().readAllBytes()).trim();
				process.waitFor(5, TimeUnit.MINUTES);
				String[] figures = output.substring(output.lastIndexOf('\n') + 1).split(" ");
				results.computeIfAbsent(variant, (key) -> new ArrayList<>())
					.add(new double[] { Double.parseDouble(figures[0]), Double.parseDouble(figures[1]),
							Double.parseDouble(figures[2]) });
			}
		}
		System.out.println();
		System.out.println("| variant | what | cold: first 20,000 events, µs / event | warm, ns / event | "
				+ "warm heap / event |");
		System.out.println("|---|---|--:|--:|--:|");
		for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
			System.out.printf("| %s | %s | %.1f | %.0f | %.0f B |%n", entry.getKey(), VARIANTS.get(entry.getKey()),
					median(entry.getValue(), 0), median(entry.getValue(), 1), median(entry.getValue(), 2));
		}
		System.out.printf("%nLoad at end: %s%n", ColdDrainMain.loadAverage());
	}

	private static double median(List<double[]> values, int index) {
		double[] sorted = values.stream().mapToDouble((value) -> value[index]).sorted().toArray();
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static void runVariant(String variant) throws Exception {
		boolean prepared = variant.startsWith("prepared");
		boolean observed = variant.contains("meter");
		boolean perEventTags = variant.endsWith("per-event-tags");
		Listener listener = new Listener();
		Method method = Listener.class.getDeclaredMethod("onInvoice", InvoiceStatement.class, String.class,
				long.class, String.class);
		method.setAccessible(true);
		DefaultMessageHandlerMethodFactory factory = prepared ? new SalesforceMessageHandlerMethodFactory()
				: new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(new StreamingEventMessageConverter(JsonMapper.builder().build()));
		factory.afterPropertiesSet();
		EventHandler adapter = new MessagingMessageListenerAdapter(
				((MessageHandlerMethodFactory) factory).createInvocableHandlerMethod(listener, method), "invoices");
		ObservationRegistry registry = ObservationRegistry.NOOP;
		if (observed) {
			registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		}
		SalesforceListenerObservationConvention convention = perEventTags ? new PerEventTagsConvention() : null;
		List<PushTopicEvent> events = events(1000);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long start = System.nanoTime();
		for (int i = 0; i < COLD_EVENTS; i++) {
			invoke(adapter, events.get(i % events.size()), registry, convention);
		}
		double coldMicros = (System.nanoTime() - start) / 1e3 / COLD_EVENTS;
		for (int i = 0; i < WARM_EVENTS; i++) {
			invoke(adapter, events.get(i % events.size()), registry, convention);
		}
		long allocated = threads.getCurrentThreadAllocatedBytes();
		start = System.nanoTime();
		for (int i = 0; i < WARM_EVENTS; i++) {
			invoke(adapter, events.get(i % events.size()), registry, convention);
		}
		double warmNanos = (double) (System.nanoTime() - start) / WARM_EVENTS;
		double heap = (double) (threads.getCurrentThreadAllocatedBytes() - allocated) / WARM_EVENTS;
		if (listener.count == 0) {
			throw new IllegalStateException("The listener was not called");
		}
		System.out.printf("%.2f %.1f %.1f%n", coldMicros, warmNanos, heap);
	}

	/** What the listener container does per call (see SalesforceListenerContainer). */
	private static void invoke(EventHandler adapter, PushTopicEvent event, ObservationRegistry registry,
			@Nullable SalesforceListenerObservationConvention convention) throws Exception {
		Observation observation = SalesforceListenerObservation.LISTENER_OBSERVATION.observation(convention,
				DefaultSalesforceListenerObservationConvention.INSTANCE,
				() -> new SalesforceListenerReceiverContext("invoices", event), registry);
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			adapter.handle(event);
		}
		catch (Exception ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static List<PushTopicEvent> events(int count) {
		JsonMapper mapper = JsonMapper.builder().build();
		List<PushTopicEvent> events = new ArrayList<>();
		Instant created = Instant.parse("2026-12-02T10:00:00Z");
		for (int i = 1; i <= count; i++) {
			JsonNode sobject = mapper.readTree("{\"Id\":\"a015g00000XyZaQAAV\",\"Name\":\"INV-" + i
					+ "\",\"Status__c\":\"Open\",\"Amount__c\":1250.75}");
			JsonNode data = mapper.readTree("{\"event\":{\"createdDate\":\"2026-12-02T10:00:00.000Z\",\"replayId\":"
					+ i + ",\"type\":\"created\"},\"sobject\":" + sobject + "}");
			events.add(new PushTopicEvent("/topic/InvoiceStatementUpdates", i, created, "created", sobject, data));
		}
		return events;
	}

	/** The sample's PushTopic listener, without its log line. */
	static final class Listener {

		long count;

		long amountCents;

		void onInvoice(InvoiceStatement invoice, @Header(SalesforceHeaders.CHANNEL) String channel,
				@Header(SalesforceHeaders.REPLAY_ID) long replayId, @Header(SalesforceHeaders.EVENT_TYPE) String type) {
			this.count++;
			this.amountCents += invoice.amount().movePointRight(2).longValue() + channel.length() + replayId
					+ type.length();
		}

	}

	/** The sample's record. */
	record InvoiceStatement(@JsonProperty("Id") String id, @JsonProperty("Name") String name,
			@JsonProperty("Status__c") String status, @JsonProperty("Amount__c") BigDecimal amount) {
	}

	/** The default convention as it was: every tag built on every call. */
	static final class PerEventTagsConvention implements SalesforceListenerObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(SalesforceListenerReceiverContext context) {
			Throwable error = context.getError();
			return KeyValues.of(ListenerLowCardinalityTags.LISTENER_ID.withValue(context.getListenerId()),
					ListenerLowCardinalityTags.CHANNEL.withValue(context.getChannel()),
					ListenerLowCardinalityTags.RESULT.withValue((error != null) ? "failure" : "success"),
					ListenerLowCardinalityTags.EXCEPTION
						.withValue((error != null) ? error.getClass().getSimpleName() : "none"),
					ListenerLowCardinalityTags.MESSAGING_SYSTEM.withValue("salesforce"));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(SalesforceListenerReceiverContext context) {
			return KeyValues.of(
					ListenerHighCardinalityTags.REPLAY_ID.withValue(String.valueOf(context.getEvent().replayId())));
		}

		@Override
		public String getContextualName(SalesforceListenerReceiverContext context) {
			return context.getChannel() + " receive";
		}

	}

}
