package io.github.sfstreaming.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a Java Flight Recorder file of a benchmark run ({@code -XX:StartFlightRecording}): the CPU samples
 * of the client threads, by thread group and by part of the hot path (the innermost frame that belongs to a known
 * part decides), and the hottest methods. Run as {@code java -jar benchmarks.jar profile recording.jfr [top]}.
 */
final class ProfileSummary {

	/** Parts of the hot path, by the class-name prefixes that mark them; the first that matches wins. */
	private static final Map<String, List<String>> PARTS = parts();

	private static final String ALL = "(all client threads)";

	private ProfileSummary() {
	}

	static void main(String[] args) throws IOException {
		Path file = Path.of(args[1]);
		int top = (args.length > 2) ? Integer.parseInt(args[2]) : 25;
		Map<String, Map<String, Integer>> partsByGroup = new TreeMap<>();
		Map<String, Integer> methods = new HashMap<>();
		Map<String, Integer> samplesByGroup = new TreeMap<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			String thread = event.getThread("sampledThread").getJavaName();
			if (thread == null || !ThreadMeter.counts(thread)) {
				continue;
			}
			String group = thread.replaceAll("[0-9]+", "#");
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			samplesByGroup.merge(group, 1, Integer::sum);
			String part = part(stack);
			partsByGroup.computeIfAbsent(group, (key) -> new HashMap<>()).merge(part, 1, Integer::sum);
			partsByGroup.computeIfAbsent(ALL, (key) -> new HashMap<>()).merge(part, 1, Integer::sum);
			RecordedFrame leaf = stack.getFrames().get(0);
			methods.merge(group + "  " + leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1,
					Integer::sum);
		}
		int total = samplesByGroup.values().stream().mapToInt(Integer::intValue).sum();
		samplesByGroup.put(ALL, total);
		System.out.printf("%,d CPU samples on client threads%n%n| thread group | share | part of the hot path |%n"
				+ "|---|--:|---|%n", total);
		samplesByGroup.forEach((group, samples) -> {
			StringBuilder parts = new StringBuilder();
			partsByGroup.get(group)
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
				.forEach((part) -> parts.append((parts.length() > 0) ? ", " : "")
					.append(part.getKey())
					.append(' ')
					.append(Math.round(100.0 * part.getValue() / samples))
					.append('%'));
			System.out.printf("| %s | %.0f%% | %s |%n", group, 100.0 * samples / total, parts);
		});
		System.out.printf("%nHottest methods (self time):%n%n");
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach((method) -> System.out.printf("%5.1f%%  %s%n", 100.0 * method.getValue() / total,
					method.getKey()));
	}

	private static String part(RecordedStackTrace stack) {
		for (RecordedFrame frame : stack.getFrames()) {
			String type = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
			for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
				for (String prefix : part.getValue()) {
					if (type.startsWith(prefix)) {
						return part.getKey();
					}
				}
			}
		}
		return "other";
	}

	private static Map<String, List<String>> parts() {
		Map<String, List<String>> parts = new LinkedHashMap<>();
		parts.put("JSON decoding", List.of("tools.jackson.core", "tools.jackson.databind.deser",
				"tools.jackson.databind.ObjectMapper.readTree", "org.eclipse.jetty.util.ajax", "org.cometd.common.JSON",
				"org.cometd.common.Jetty", "org.cometd.common.BufferingJSON", "org.cometd.common.HashMapMessage",
				"java.lang.StringCoding", "java.lang.String.<init>"));
		parts.put("JSON encoding", List.of("tools.jackson.databind.ObjectMapper.writeValue"));
		parts.put("replay store", List.of("io.github.sfstreaming.replay", "io.github.sfstreaming.spring.replay",
				"io.github.sfstreaming.benchmarks.ReplayExtension", "org.springframework.jdbc", "org.postgresql",
				"com.zaxxer"));
		parts.put("event parsing", List.of("io.github.sfstreaming.event"));
		parts.put("listener invocation (Spring messaging)", List.of("org.springframework.messaging",
				"io.github.sfstreaming.spring.listener", "io.github.sfstreaming.spring.config",
				"io.github.sfstreaming.spring.support"));
		parts.put("benchmark handler", List.of("io.github.sfstreaming.benchmarks"));
		parts.put("dispatch and hand-off", List.of("io.github.sfstreaming.client", "java.util.concurrent",
				"org.cometd.client", "org.cometd.common.AbstractClientSession"));
		parts.put("HTTP and I/O", List.of("reactor.netty", "io.netty", "org.springframework.web",
				"org.springframework.http", "org.springframework.core.codec", "org.springframework.core.io.buffer",
				"reactor.core", "org.eclipse.jetty", "io.github.sfstreaming.internal.bayeux", "sun.nio"));
		return parts;
	}

}
