package io.github.sfstreaming.benchmarks.cold;

/**
 * One fresh JVM draining the backlog.
 *
 * @param subject the subject's key
 * @param ok whether every channel's last event was handled in time
 * @param eventsPerSecond events over the time from the first {@code /meta/subscribe} to the last event handled
 * @param launchToLastSeconds from the JVM's launch to the last event handled
 * @param cpuSeconds the JVM's CPU time, user and system, up to the last event handled
 * @param maxRssMb the JVM's peak resident set ({@code VmHWM}) up to the last event handled
 * @param dbWrites rows inserted or updated in the replay table (-1: no JDBC store)
 * @param stored whether the replay table holds every channel's last id after the JVM stopped (null: not
 * checked)
 * @param note why a run failed, else empty
 */
record ColdRun(char subject, boolean ok, double eventsPerSecond, double launchToLastSeconds, double cpuSeconds,
		double maxRssMb, long dbWrites, Boolean stored, String note) {
}
