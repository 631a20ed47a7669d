package io.github.sfstreaming.batchapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

import io.github.sfstreaming.benchmarks.cold.DrainTracker;
import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * Subjects (f) and (g) of the cold drain: the same minimal application with a one-event
 * {@code @SalesforceListener(ChangeEvent)} method ({@code cold.batch=false}) or a batch listener taking
 * {@code List<ChangeEvent>} ({@code cold.batch=true}). Both do the same per event: read one field of the payload
 * and note the event; so the difference between them is what batching saves (calls, replay-id stores).
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ChangeEventDrainApplication {

	/** Keeps the field read from being optimised away. */
	static volatile int sink;

	/** Listener calls so far, printed with the last event's line: the events per call the drain achieved. */
	static final AtomicLong calls = new AtomicLong();

	/**
	 * Runs the application.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChangeEventDrainApplication.class, args);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "cold.batch", havingValue = false)
	OneEventListener oneEventListener() {
		return new OneEventListener();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "cold.batch")
	BatchListener batchListener() {
		return new BatchListener();
	}

	static void handle(ChangeEvent event) {
		sink += event.payload().path("Name").asString("").length();
		DrainTracker.handled(event.channel(), event.replayId(), calls.get());
	}

	static class OneEventListener {

		@SalesforceListener(id = "cold", value = "#{'${cold.channels}'.split(',')}")
		void onEvent(ChangeEvent event) {
			calls.incrementAndGet();
			handle(event);
		}

	}

	static class BatchListener {

		@SalesforceListener(id = "cold", value = "#{'${cold.channels}'.split(',')}", batch = "true")
		void onEvents(List<ChangeEvent> events) {
			calls.incrementAndGet();
			for (ChangeEvent event : events) {
				handle(event);
			}
		}

	}

}
