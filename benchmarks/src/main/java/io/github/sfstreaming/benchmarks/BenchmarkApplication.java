package io.github.sfstreaming.benchmarks;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application of configurations (a) and (b): the starter's auto-configuration and one
 * {@link BenchmarkListener}. The starter subject registers the probe and the counters in its context.
 */
@SpringBootApplication(proxyBeanMethods = false)
class BenchmarkApplication {

	@Bean
	BenchmarkListener benchmarkListener(EventProbe probe) {
		return new BenchmarkListener(probe);
	}

}
