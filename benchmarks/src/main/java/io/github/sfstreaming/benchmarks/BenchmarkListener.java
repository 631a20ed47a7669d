package io.github.sfstreaming.benchmarks;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * The listener of configurations (a) and (b): one {@code @SalesforceListener} method on every benchmark
 * channel of its application.
 */
class BenchmarkListener {

	private final EventProbe probe;

	BenchmarkListener(EventProbe probe) {
		this.probe = probe;
	}

	@SalesforceListener(id = "benchmark", value = "#{'${benchmark.channels}'.split(',')}")
	void onEvent(PlatformEvent event) {
		PayloadReader.handled(this.probe, event.payload());
	}

}
