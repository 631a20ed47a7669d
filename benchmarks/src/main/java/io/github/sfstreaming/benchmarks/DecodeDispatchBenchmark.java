package io.github.sfstreaming.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cometd.bayeux.Message;
import org.cometd.common.JSONContext;
import org.cometd.common.JettyJSONContextClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import io.github.sfstreaming.client.EventHandler;
import io.github.sfstreaming.event.EventParser;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.replay.InMemoryReplayStore;
import io.github.sfstreaming.spring.listener.adapter.MessagingMessageListenerAdapter;

/**
 * The decode-and-dispatch path alone, on one thread, without network or emulator: one {@code /meta/connect}
 * response carrying 100 platform events, taken through the same steps as the clients take it. Prints the time
 * and the heap allocated per event of each step, cumulatively, for ours and for CometD's client-side JSON. Plain
 * Java: a warm-up, then timed loops of the steps in turn, several times, and the median of each. The figures
 * are relative, to compare steps with each other on the same machine.
 */
final class DecodeDispatchBenchmark {

	private static final int EVENTS_PER_RESPONSE = 100;

	private static final String CHANNEL = "/event/Bench__e";

	private static final String CREATED_DATE = "2026-11-27T21:00:00.000Z";

	private static final long WARMUP_NANOS = 1_500_000_000L;

	private static final long MEASURE_NANOS = 1_000_000_000L;

	private static final int TRIALS = 3;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final byte[] response = response().getBytes(StandardCharsets.UTF_8);

	private final JsonMapper jsonMapper = JsonMapper.shared();

	private final EventParser parser = new EventParser();

	private final InMemoryReplayStore store = new InMemoryReplayStore();

	private final EventProbe probe = new EventProbe();

	private final EventHandler listener = listenerAdapter(new BenchmarkListener(this.probe));

	private final JSONContext.Client cometdJson = new JettyJSONContextClient();

	private long sink;

	private DecodeDispatchBenchmark() {
		this.probe.begin(-1, 1);
	}

	static void main(String[] args) {
		DecodeDispatchBenchmark benchmark = new DecodeDispatchBenchmark();
		Map<String, Runnable> steps = new LinkedHashMap<>();
		steps.put("ours: bytes to String (as BayeuxTransport reads the body)", benchmark::toText);
		steps.put("ours: + Jackson readTree of the String", benchmark::decode);
		steps.put("ours: + EventParser.parse to PlatformEvent", benchmark::decodeAndParse);
		steps.put("ours: + @SalesforceListener method through Spring messaging", benchmark::decodeParseInvoke);
		steps.put("ours: + in-memory replay-store write", benchmark::decodeParseInvokeStore);
		steps.put("alone: Jackson readTree of the bytes, no String", benchmark::decodeBytes);
		steps.put("alone: Instant.parse of CreatedDate (done by EventParser)", benchmark::parseCreatedDate);
		steps.put("CometD: JSON parse of the bytes (async parser, as its transport does)", benchmark::cometdDecode);
		steps.put("CometD: + payload map read by the listener", benchmark::cometdDecodeAndRead);
		System.out.printf("One /meta/connect response of %d platform events, %,d bytes. Median of %d trials of %d ms "
				+ "per step, steps alternating, after a warm-up.%n%n", EVENTS_PER_RESPONSE, benchmark.response.length,
				TRIALS, MEASURE_NANOS / 1_000_000);
		steps.values().forEach((step) -> run(step, WARMUP_NANOS));
		Map<String, List<double[]>> trials = new LinkedHashMap<>();
		for (int trial = 0; trial < TRIALS; trial++) {
			steps.forEach((name, step) -> trials.computeIfAbsent(name, (key) -> new ArrayList<>()).add(measure(step)));
		}
		System.out.println("| step (cumulative within ours and within CometD) | ns / event | heap / event |");
		System.out.println("|---|--:|--:|");
		trials.forEach((name, results) -> System.out.printf("| %s | %,.0f | %,.0f B |%n", name,
				median(results, 0), median(results, 1)));
		System.out.println();
		System.out.println("(sink " + (benchmark.sink & 1) + ")");
	}

	/** Runs a step for the measuring time; returns its nanoseconds and bytes allocated per event. */
	private static double[] measure(Runnable step) {
		long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
		long start = System.nanoTime();
		long iterations = run(step, MEASURE_NANOS);
		long elapsed = System.nanoTime() - start;
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
		double events = iterations * EVENTS_PER_RESPONSE;
		return new double[] { elapsed / events, allocated / events };
	}

	private static double median(List<double[]> results, int index) {
		double[] values = results.stream().mapToDouble((result) -> result[index]).sorted().toArray();
		return values[values.length / 2];
	}

	private static long run(Runnable iteration, long nanos) {
		long deadline = System.nanoTime() + nanos;
		long iterations = 0;
		while (System.nanoTime() < deadline) {
			for (int i = 0; i < 10; i++) {
				iteration.run();
			}
			iterations += 10;
		}
		return iterations;
	}

	private void toText() {
		this.sink += new String(this.response, StandardCharsets.UTF_8).length();
	}

	private JsonNode tree() {
		return this.jsonMapper.readTree(new String(this.response, StandardCharsets.UTF_8));
	}

	private void decode() {
		this.sink += tree().size();
	}

	private void decodeBytes() {
		this.sink += this.jsonMapper.readTree(this.response).size();
	}

	private void parseCreatedDate() {
		for (int i = 0; i < EVENTS_PER_RESPONSE; i++) {
			this.sink += Instant.parse(CREATED_DATE).getNano();
		}
	}

	private void decodeAndParse() {
		for (JsonNode message : tree()) {
			if (message.has("data")) {
				this.sink += this.parser.parse(message.path("channel").asString(), message.path("data")).replayId();
			}
		}
	}

	private void decodeParseInvoke() {
		for (JsonNode message : tree()) {
			if (message.has("data")) {
				invoke(this.parser.parse(message.path("channel").asString(), message.path("data")));
			}
		}
	}

	private void decodeParseInvokeStore() {
		for (JsonNode message : tree()) {
			if (message.has("data")) {
				StreamingEvent event = this.parser.parse(message.path("channel").asString(), message.path("data"));
				invoke(event);
				this.store.store(event.channel(), event.replayId(), event.createdDate());
			}
		}
	}

	private void invoke(StreamingEvent event) {
		try {
			this.listener.handle(event);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.sink += event.replayId();
	}

	private List<Message.Mutable> cometdMessages() {
		JSONContext.AsyncParser parser = this.cometdJson.newAsyncParser();
		parser.parse(ByteBuffer.wrap(this.response));
		return parser.complete();
	}

	private void cometdDecode() {
		this.sink += cometdMessages().size();
	}

	private void cometdDecodeAndRead() {
		for (Message.Mutable message : cometdMessages()) {
			Map<String, Object> data = message.getDataAsMap();
			if (data != null && data.get("payload") instanceof Map<?, ?> payload) {
				this.sink += ((Number) payload.get("seq")).intValue() + ((Number) payload.get("t")).longValue();
			}
		}
	}

	/** The listener adapter the starter builds for a {@code @SalesforceListener} method, on a default factory. */
	private static EventHandler listenerAdapter(BenchmarkListener bean) {
		try {
			Method method = BenchmarkListener.class.getDeclaredMethod("onEvent", PlatformEvent.class);
			DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
			factory.afterPropertiesSet();
			InvocableHandlerMethod handlerMethod = factory.createInvocableHandlerMethod(bean, method);
			return new MessagingMessageListenerAdapter(handlerMethod, "benchmark");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A {@code /meta/connect} reply with its events, in the shape the emulator (and Salesforce) sends. */
	private static String response() {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < EVENTS_PER_RESPONSE; i++) {
			String payload = Publisher.payload(-1, i, 1_000_000L + i);
			json.append("{\"data\":{\"schema\":\"dGhpcyBpcyBhIHNjaGVt\",\"payload\":")
				.append(payload, 0, payload.length() - 1)
				.append(",\"CreatedDate\":\"" + CREATED_DATE + "\",\"CreatedById\":\"005000000000001AAA\"},")
				.append("\"event\":{\"EventUuid\":\"0f8e4c1a-6a1b-4a53-9f0e-2b7f9a7c")
				.append(String.format("%04d", i))
				.append("\",\"replayId\":")
				.append(1000 + i)
				.append("}},\"channel\":\"")
				.append(CHANNEL)
				.append("\"},");
		}
		json.append("{\"clientId\":\"1a2b3c4d5e\",\"channel\":\"/meta/connect\",\"id\":\"42\",\"successful\":true,")
			.append("\"advice\":{\"reconnect\":\"retry\",\"interval\":0,\"timeout\":110000}}]");
		return json.toString();
	}

}
