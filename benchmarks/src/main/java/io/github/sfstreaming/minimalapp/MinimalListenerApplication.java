package io.github.sfstreaming.minimalapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.github.sfstreaming.benchmarks.cold.DrainTracker;
import io.github.sfstreaming.event.StreamingEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * Subject (b) of the cold drain: the smallest application a user writes, one
 * {@code @SalesforceListener(StreamingEvent)} method, configured by properties only (the driver passes the
 * emulator, the JDBC store and {@code cold.channels} as command-line arguments).
 */
@SpringBootApplication(proxyBeanMethods = false)
public class MinimalListenerApplication {

	/**
	 * Runs the application.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(MinimalListenerApplication.class, args);
	}

	@SalesforceListener(id = "cold", value = "#{'${cold.channels}'.split(',')}")
	void onEvent(StreamingEvent event) {
		DrainTracker.handled(event.channel(), event.replayId());
	}

}
