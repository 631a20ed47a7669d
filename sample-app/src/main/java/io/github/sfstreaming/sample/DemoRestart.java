package io.github.sfstreaming.sample;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.replay.ReplayStore;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;

/**
 * In demo mode, shows once that nothing is lost across a restart: stops the streaming client, publishes
 * events while it is down, starts it again, and the listeners then log the missed events, resumed from the
 * replay ids stored before the stop. Runs {@code sample.demo.restart-after} after start-up (default 15 s;
 * {@code 0} turns it off).
 */
@Component
@ConditionalOnBooleanProperty(DemoModeInitializer.DEMO_ENABLED_PROPERTY)
class DemoRestart implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DemoRestart.class);

	private static final int EVENTS_WHILE_DOWN = 3;

	private final SalesforceStreamingLifecycle streaming;

	private final SalesforceStreamingEmulator emulator;

	private final ReplayStore replayStore;

	private final SampleChannels channels;

	private final Duration restartAfter;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "demo-restart");
		thread.setDaemon(true);
		return thread;
	});

	DemoRestart(SalesforceStreamingLifecycle streaming, SalesforceStreamingEmulator emulator, ReplayStore replayStore,
			Environment environment) {
		this.streaming = streaming;
		this.emulator = emulator;
		this.replayStore = replayStore;
		this.channels = SampleChannels.from(environment);
		this.restartAfter = environment.getProperty("sample.demo.restart-after", Duration.class, Duration.ofSeconds(15));
	}

	@EventListener(ApplicationReadyEvent.class)
	void scheduleRestart() {
		if (!this.restartAfter.isZero()) {
			this.scheduler.schedule(this::restart, this.restartAfter.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void restart() {
		logger.info("DEMO: stopping the streaming client to show that a restart loses nothing");
		this.streaming.stop();
		for (String channel : this.channels.all()) {
			long lastHandled = this.replayStore.lastReplayId(channel).map((position) -> position.value()).orElse(-1L);
			var published = this.emulator.publish(channel, EVENTS_WHILE_DOWN, payloadFor(channel));
			logger.info("DEMO: while stopped, published replayIds={} on channel={} (last handled replayId={})",
					published, channel, lastHandled);
		}
		logger.info("DEMO: starting the streaming client again; it resumes after each channel's stored replay id");
		this.streaming.start();
	}

	private String payloadFor(String channel) {
		if (channel.equals(this.channels.pushTopic())) {
			return "{\"Id\":\"a0DOWN\",\"Name\":\"INV-DOWN\",\"Status__c\":\"Open\",\"Amount__c\":1}";
		}
		if (channel.equals(this.channels.platformEvent())) {
			return "{\"Order_Number__c\":\"ORD-DOWN\",\"Total__c\":1}";
		}
		if (channel.equals(this.channels.changeEvent())) {
			return "{\"ChangeEventHeader\":{\"entityName\":\"Account\",\"changeType\":\"UPDATE\"},\"Name\":\"Account DOWN\"}";
		}
		return "\"Published while the client was stopped\"";
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
