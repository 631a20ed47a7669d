package io.github.sfstreaming.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * One configuration under test: a client that hands the benchmark's events to {@link EventProbe#handled} and
 * keeps replay ids in a store whose writes are counted.
 */
interface Subject {

	/** The row's key, {@code a} to {@code d}. */
	char key();

	/** What the row is, in a few words. */
	String description();

	/**
	 * Connects and subscribes to the channels (the emulator confirms the subscriptions separately).
	 * @param channels every channel this configuration will ever receive events on
	 */
	void start(List<String> channels) throws Exception;

	/** Writes to the replay store so far: {@code store} calls or their equivalent. */
	long storeWrites();

	/** Writes that reached a database so far, or {@code -1} when the store is not durable. */
	long durableWrites();

	/**
	 * Stops cleanly, as an application shuts down.
	 * @return the replay id stored for each channel once stopped
	 */
	Map<String, Long> stop() throws Exception;

}
