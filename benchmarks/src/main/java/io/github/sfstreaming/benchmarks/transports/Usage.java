package io.github.sfstreaming.benchmarks.transports;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What this JVM has used so far: process CPU time (every thread: the client's, the JIT's, the GC's), heap
 * allocated by every thread (living or ended), and collections.
 *
 * @param cpuNanos process CPU time
 * @param allocatedBytes heap allocated
 * @param gcCount collections
 * @param gcMillis time spent in collections
 */
record Usage(long cpuNanos, long allocatedBytes, long gcCount, long gcMillis) {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	static Usage now() {
		long count = 0;
		long millis = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += Math.max(0, gc.getCollectionCount());
			millis += Math.max(0, gc.getCollectionTime());
		}
		return new Usage(OS.getProcessCpuTime(), THREADS.getTotalThreadAllocatedBytes(), count, millis);
	}

	Usage minus(Usage earlier) {
		return new Usage(this.cpuNanos - earlier.cpuNanos, this.allocatedBytes - earlier.allocatedBytes,
				this.gcCount - earlier.gcCount, this.gcMillis - earlier.gcMillis);
	}

}
