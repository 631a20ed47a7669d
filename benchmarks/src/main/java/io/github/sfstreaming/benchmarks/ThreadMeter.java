package io.github.sfstreaming.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap allocated by the threads of the configurations under test: {@code getThreadAllocatedBytes} of every live
 * thread, minus those of the emulator (Jetty, CometD server) and of the benchmark itself (the publisher).
 */
final class AllocationMeter {

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	AllocationMeter() {
		this.threads.setThreadAllocatedMemoryEnabled(true);
	}

	/** The bytes allocated so far by every counted thread, by thread id. */
	Map<Long, Long> snapshot() {
		long[] ids = this.threads.getAllThreadIds();
		long[] bytes = this.threads.getThreadAllocatedBytes(ids);
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		Map<Long, Long> snapshot = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && bytes[i] >= 0 && counts(infos[i].getThreadName())) {
				snapshot.put(ids[i], bytes[i]);
			}
		}
		return snapshot;
	}

	/** The bytes allocated between two snapshots; threads born in between count from zero. */
	static long allocatedBetween(Map<Long, Long> before, Map<Long, Long> after) {
		long total = 0;
		for (Map.Entry<Long, Long> entry : after.entrySet()) {
			total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
		}
		return total;
	}

	/** Whether a thread belongs to a configuration under test rather than to the emulator or the benchmark. */
	static boolean counts(String threadName) {
		return !(threadName.startsWith("sf-emulator") || threadName.startsWith("bench-")
				|| threadName.startsWith("BayeuxServer") || threadName.startsWith("Scheduler-")
				|| threadName.equals("main") || threadName.startsWith("Attach") || threadName.startsWith("RMI")
				|| threadName.startsWith("JFR"));
	}

}
