package io.github.sfstreaming.benchmarks.cold;

/**
 * One fresh JVM draining the backlog.
 *
 * @param subject the subject's key
 * @param ok whether every channel's last event was handled in time
 * @param eventsPerSecond events over the time from the first {@code /meta/subscribe} to the last event handled
 * @param launchToLastSeconds from the JVM's launch to the last event handled
 * @param subscribeToFirstSeconds from the first {@code /meta/subscribe} to the first event handled (-1: not seen):
 * the wait for the first reply, before the drain proper
 * @param cpuSeconds the JVM's CPU time, user and system, up to the last event handled
 * @param drainCpuSeconds the JVM's CPU time from the first {@code /meta/subscribe} to the last event handled
 * (-1: not read): less sensitive to the machine's load than the elapsed time
 * @param maxRssMb the JVM's peak resident set ({@code VmHWM}) up to the last event handled
 * @param dbWrites rows inserted or updated in the replay table (-1: no JDBC store)
 * @param stored whether the replay table holds every channel's last id after the JVM stopped (null: not
 * checked)
 * @param listenerCalls the listener calls up to the last event, as the subject printed them (-1: not printed)
 * @param note why a run failed, else empty
 */
record ColdRun(char subject, boolean ok, double eventsPerSecond, double launchToLastSeconds,
		double subscribeToFirstSeconds, double cpuSeconds, double drainCpuSeconds,
		double maxRssMb, long dbWrites, Boolean stored, long listenerCalls, String note) {
}
