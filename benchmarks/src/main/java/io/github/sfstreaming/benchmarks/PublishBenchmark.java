package io.github.sfstreaming.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforceStreamingTemplate;

/**
 * Publish throughput of {@link SalesforceStreamingTemplate} against the emulator's REST API, over HTTP on
 * loopback: one platform event per request (from 1 and from 8 threads), batches of 200 per sObject Collections
 * request, and generic streaming pushes. Each phase is warmed up first, then timed once; the figures are events
 * (and requests) per second and the median and 99th percentile time of one call. The emulator has no
 * subscriber: what is measured is the template, the HTTP exchange and the emulator's answer, not delivery.
 * Run with {@code java -jar benchmarks/target/benchmarks.jar publish}.
 */
final class PublishBenchmark {

	private static final String CHANNEL = "/event/Bench__e";

	private static final String GENERIC = "/u/Bench";

	private final SalesforceStreamingTemplate template;

	private final PrintStream out;

	private PublishBenchmark(SalesforceStreamingTemplate template, PrintStream out) {
		this.template = template;
		this.out = out;
	}

	static void main(String[] args) throws Exception {
		int singles = Integer.getInteger("bench.publish.singles", 2_000);
		int batched = Integer.getInteger("bench.publish.batched", 40_000);
		try (SalesforceStreamingEmulator emulator = SalesforceStreamingEmulator.builder()
			.channels(CHANNEL, GENERIC)
			.retention(1_000, Duration.ofHours(1))
			.build()
			.start()) {
			UsernamePasswordTokenProvider tokens = UsernamePasswordTokenProvider.builder()
				.loginUrl(emulator.baseUrl())
				.clientId(EmulatorLogin.CLIENT_ID)
				.clientSecret(EmulatorLogin.CLIENT_SECRET)
				.username(EmulatorLogin.USERNAME)
				.password(EmulatorLogin.PASSWORD)
				.build();
			SalesforceStreamingTemplate template = SalesforceStreamingTemplate.builder().tokenProvider(tokens).build();
			PrintStream out = System.out;
			out.printf("Publish benchmark: %d single events, %d events in batches of 200, %d pushes; JVM %s, %d cores%n",
					singles, batched, singles, System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors());
			PublishBenchmark benchmark = new PublishBenchmark(template, out);
			out.println();
			out.println("| send | events | requests | events/s | requests/s | call p50 | call p99 |");
			out.println("|---|--:|--:|--:|--:|--:|--:|");
			benchmark.phase("single `publish`, 1 thread", singles, 1, 1, benchmark::publishOne);
			benchmark.phase("single `publish`, 8 threads", singles, 8, 1, benchmark::publishOne);
			benchmark.phase("`publishAll` of 200, 1 thread", batched / 200, 1, 200, benchmark::publishBatch);
			benchmark.phase("`publishAll` of 200, 4 threads", batched / 200, 4, 200, benchmark::publishBatch);
			benchmark.phase("generic `push`, 1 thread", singles, 1, 1, benchmark::push);
			long accepted = emulator.stats().channel(CHANNEL).publishedCount();
			out.printf("%nEvents the emulator published on %s, warm-ups included: %,d%n", CHANNEL, accepted);
		}
		System.exit(0);
	}

	private int publishOne(int n) {
		PublishResult result = this.template.publish(CHANNEL, Map.of("Number__c", n, "Note__c", "bench"));
		return result.accepted() ? 1 : 0;
	}

	private int publishBatch(int n) {
		List<Map<String, Object>> events = new ArrayList<>(200);
		for (int i = 0; i < 200; i++) {
			events.add(Map.of("Number__c", n * 200 + i, "Note__c", "bench"));
		}
		return (int) this.template.publishAll(CHANNEL, events).stream().filter(PublishResult::accepted).count();
	}

	private int push(int n) {
		this.template.push(GENERIC, "bench " + n);
		return 1;
	}

	/** Warms up with a fifth of the calls, then times the calls spread over the threads. */
	private void phase(String name, int calls, int threads, int eventsPerCall, IntFunction<Integer> call)
			throws Exception {
		run(Math.max(10, calls / 5), threads, call);
		long start = System.nanoTime();
		long[] times = run(calls, threads, call);
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(times);
		long events = (long) calls * eventsPerCall;
		this.out.printf("| %s | %,d | %,d | %,.0f | %,.0f | %.2f ms | %.2f ms |%n", name, events, calls,
				events / seconds, calls / seconds, times[times.length / 2] / 1e6,
				times[(int) Math.min(times.length - 1, Math.round(times.length * 0.99))] / 1e6);
	}

	private static long[] run(int calls, int threads, IntFunction<Integer> call) throws Exception {
		long[] times = new long[calls];
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
						long start = System.nanoTime();
						if (call.apply(n) == 0) {
							throw new IllegalStateException("Salesforce refused call " + n);
						}
						times[n] = System.nanoTime() - start;
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdown();
		}
		return times;
	}

}
