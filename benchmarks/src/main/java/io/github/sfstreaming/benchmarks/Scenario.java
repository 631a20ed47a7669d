package io.github.sfstreaming.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * How the events of a round are spread: over one channel or over four. Each configuration has channels of its
 * own, so that the idle configurations receive nothing while one is measured.
 *
 * @param name the scenario's name in the table
 * @param channelCount how many channels
 * @param firstIndex the index of its first channel among a configuration's channels
 */
record Scenario(String name, int channelCount, int firstIndex) {

	static final Scenario ONE_CHANNEL = new Scenario("1 channel", 1, 0);

	static final Scenario FOUR_CHANNELS = new Scenario("4 channels", 4, 1);

	static final List<Scenario> ALL = List.of(ONE_CHANNEL, FOUR_CHANNELS);

	/** The channels of this scenario for one configuration. */
	List<String> channels(char configuration) {
		List<String> channels = new ArrayList<>();
		for (int i = 0; i < this.channelCount; i++) {
			channels.add(channel(configuration, this.firstIndex + i));
		}
		return channels;
	}

	/** Every channel a configuration listens to, over all scenarios. */
	static List<String> allChannels(char configuration) {
		List<String> channels = new ArrayList<>();
		for (Scenario scenario : ALL) {
			channels.addAll(scenario.channels(configuration));
		}
		return channels;
	}

	private static String channel(char configuration, int index) {
		return "/event/Bench" + Character.toUpperCase(configuration) + index + "__e";
	}

}
