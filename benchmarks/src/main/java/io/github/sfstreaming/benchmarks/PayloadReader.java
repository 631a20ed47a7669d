package io.github.sfstreaming.benchmarks;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads the benchmark's three numbers from an event payload and hands them to the probe, the same way for
 * every configuration: from Jackson's tree for ours, from the map CometD decoded for {@code BayeuxClient}.
 */
final class PayloadReader {

	private PayloadReader() {
	}

	static void handled(EventProbe probe, JsonNode payload) {
		probe.handled(payload.get("p").asInt(), payload.get("seq").asInt(), payload.get("t").asLong());
	}

	static void handled(EventProbe probe, Map<?, ?> payload) {
		probe.handled(((Number) payload.get("p")).intValue(), ((Number) payload.get("seq")).intValue(),
				((Number) payload.get("t")).longValue());
	}

}
