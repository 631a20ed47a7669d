package io.github.sfstreaming.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Heap allocated and CPU time used by the threads of the configurations under test:
 * {@code getThreadAllocatedBytes} and {@code getThreadCpuTime} of every live thread, minus those of the emulator
 * (Jetty, CometD server) and of the benchmark itself (the publisher).
 */
final class ThreadMeter {

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	ThreadMeter() {
		this.threads.setThreadAllocatedMemoryEnabled(true);
		this.threads.setThreadCpuTimeEnabled(true);
	}

	/** The bytes allocated so far by every thread, counted or not, by thread name pattern (digits removed). */
	Map<String, Long> byThreadGroup() {
		long[] ids = this.threads.getAllThreadIds();
		long[] bytes = this.threads.getThreadAllocatedBytes(ids);
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		Map<String, Long> groups = new TreeMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && bytes[i] >= 0) {
				String name = infos[i].getThreadName().replaceAll("[0-9a-f]{6,}|[0-9]+", "#");
				groups.merge((counts(infos[i].getThreadName()) ? "" : "(not counted) ") + name, bytes[i], Long::sum);
			}
		}
		return groups;
	}

	/** The bytes allocated and the CPU time used so far by every counted thread, by thread id. */
	Map<Long, Usage> snapshot() {
		long[] ids = this.threads.getAllThreadIds();
		long[] bytes = this.threads.getThreadAllocatedBytes(ids);
		long[] cpu = this.threads.getThreadCpuTime(ids);
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		Map<Long, Usage> snapshot = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && bytes[i] >= 0 && counts(infos[i].getThreadName())) {
				snapshot.put(ids[i], new Usage(bytes[i], Math.max(0, cpu[i])));
			}
		}
		return snapshot;
	}

	/** The CPU time used so far by the threads that are not counted: the emulator's and the publisher's. */
	long uncountedCpuNanos() {
		long[] ids = this.threads.getAllThreadIds();
		long[] cpu = this.threads.getThreadCpuTime(ids);
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && cpu[i] > 0 && !counts(infos[i].getThreadName())) {
				total += cpu[i];
			}
		}
		return total;
	}

	/** The usage between two snapshots; threads born in between count from zero. */
	static Usage between(Map<Long, Usage> before, Map<Long, Usage> after) {
		long bytes = 0;
		long cpu = 0;
		for (Map.Entry<Long, Usage> entry : after.entrySet()) {
			Usage start = before.getOrDefault(entry.getKey(), new Usage(0, 0));
			bytes += entry.getValue().allocatedBytes() - start.allocatedBytes();
			cpu += entry.getValue().cpuNanos() - start.cpuNanos();
		}
		return new Usage(bytes, cpu);
	}

	/** Whether a thread belongs to a configuration under test rather than to the emulator or the benchmark. */
	static boolean counts(String threadName) {
		return !(threadName.startsWith("sf-emulator") || threadName.startsWith("bench-")
				|| threadName.startsWith("BayeuxServer") || threadName.startsWith("Scheduler-")
				|| threadName.equals("main") || threadName.startsWith("Attach") || threadName.startsWith("RMI")
				|| threadName.startsWith("JFR"));
	}

	/**
	 * What threads used.
	 *
	 * @param allocatedBytes heap allocated
	 * @param cpuNanos CPU time
	 */
	record Usage(long allocatedBytes, long cpuNanos) {
	}

}
