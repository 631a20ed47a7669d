package io.github.sfstreaming.benchmarks;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;

/**
 * Publishes the benchmark's events into the emulator, one at a time, round robin over the channels, either as
 * fast as the emulator takes them or at a fixed rate. Every payload carries the phase, a sequence number and the
 * {@link System#nanoTime()} just before the event was published, next to a few ordinary fields.
 */
final class Publisher {

	private final SalesforceStreamingEmulator emulator;

	Publisher(SalesforceStreamingEmulator emulator) {
		this.emulator = emulator;
	}

	/**
	 * Publishes events.
	 * @param phaseId the phase, put in every payload
	 * @param channels the channels, used in turn
	 * @param events how many events
	 * @param ratePerSecond events per second, or {@code 0} for as fast as possible
	 * @return the {@link System#nanoTime()} at which the first event was published
	 */
	long publish(int phaseId, List<String> channels, int events, int ratePerSecond) {
		long start = System.nanoTime();
		long interval = (ratePerSecond > 0) ? 1_000_000_000L / ratePerSecond : 0;
		int channelCount = channels.size();
		for (int seq = 0; seq < events; seq++) {
			if (interval > 0) {
				waitUntil(start + seq * interval);
			}
			this.emulator.publish(channels.get(seq % channelCount), payload(phaseId, seq, System.nanoTime()));
		}
		return start;
	}

	static String payload(int phaseId, int seq, long nanos) {
		return "{\"p\":" + phaseId + ",\"seq\":" + seq + ",\"t\":" + nanos
				+ ",\"Order_Number__c\":\"O-" + seq + "\",\"Status__c\":\"Open\",\"Amount__c\":1250.5}";
	}

	private static void waitUntil(long deadline) {
		long remaining;
		while ((remaining = deadline - System.nanoTime()) > 0) {
			if (remaining > 200_000) {
				LockSupport.parkNanos(remaining - 100_000);
			}
			else {
				Thread.onSpinWait();
			}
		}
	}

}
