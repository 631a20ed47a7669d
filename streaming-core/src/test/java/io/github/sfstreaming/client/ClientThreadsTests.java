package io.github.sfstreaming.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The builder's thread factory makes every thread of the client and its task decorator wraps the handlers, while
 * the names, the per-channel order and the stop sequence stay the client's.
 */
class ClientThreadsTests {

	private static final String CHANNEL = "/topic/Threads";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	@Test
	void theDefaultThreadsAreNamedDaemons(SalesforceStreamingEmulator emulator) {
		Set<Thread> handlers = ConcurrentHashMap.newKeySet();
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).build()) {
			client.subscribe(CHANNEL, (event) -> handlers.add(Thread.currentThread()));
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			emulator.publish(CHANNEL, 3, "{\"Id\":\"a01\"}");
			await().atMost(Duration.ofSeconds(30)).until(() -> !handlers.isEmpty());
			assertThat(handlers)
				.allSatisfy((thread) -> assertThat(thread.getName()).matches("sf-streaming-handler-[1-4]"));
			threads.addAll(handlers);
			threads.addAll(clientThreads());
			assertThat(threads).extracting(Thread::getName).contains("sf-streaming-session", "sf-streaming-subscriber");
			assertThat(threads).allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(threads).noneMatch(Thread::isAlive));
	}

	@Test
	void theFactoryMakesEveryThreadAndTheDecoratorWrapsTheHandlers(SalesforceStreamingEmulator emulator) {
		RecordingFactory factory = new RecordingFactory();
		AtomicInteger decorated = new AtomicInteger();
		ThreadLocal<String> context = new ThreadLocal<>();
		TaskDecorator decorator = (task) -> () -> {
			decorated.incrementAndGet();
			context.set("decorated");
			try {
				task.run();
			}
			finally {
				context.remove();
			}
		};
		List<String> seen = new CopyOnWriteArrayList<>();
		EventRecorder recorder = new EventRecorder();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.threadFactory(factory)
			.taskDecorator(decorator)
			.build()) {
			client.subscribe(CHANNEL, (event) -> {
				seen.add(Thread.currentThread().getName() + " " + context.get());
				recorder.handle(event);
			});
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			List<Long> ids = emulator.publish(CHANNEL, 5, "{\"Id\":\"a02\"}");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.handled(CHANNEL)).containsExactlyElementsOf(ids));
			assertThat(seen).allSatisfy((entry) -> assertThat(entry).matches("sf-streaming-handler-[1-4] decorated"));
			assertThat(decorated.get()).isPositive();
			// made by the factory, named by the client
			assertThat(factory.made).extracting(Thread::getName)
				.contains("sf-streaming-session", "sf-streaming-subscriber", "sf-streaming-handler-1");
			assertThat(factory.made).allSatisfy((thread) -> assertThat(thread.getName()).startsWith("sf-streaming-"));
		}
		// the factory's threads are not daemons: stop() ends them all the same
		assertThat(factory.made).allSatisfy((thread) -> assertThat(thread.isDaemon()).isFalse());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(factory.made).noneMatch(Thread::isAlive));
	}

	@Test
	void aHandlerOnTheFactorysThreadMayStopTheClient(SalesforceStreamingEmulator emulator) {
		SalesforceStreamingClient client = EmulatorClients.client(emulator)
			.threadFactory(new RecordingFactory())
			.shutdownTimeout(Duration.ofMinutes(1))
			.build();
		AtomicReference<SalesforceStreamingClient> self = new AtomicReference<>(client);
		client.start();
		client.subscribe(CHANNEL, (event) -> self.get().stop()).block(Duration.ofSeconds(10));
		emulator.publish(CHANNEL, "{\"Id\":\"a03\"}");
		// well within the one-minute shutdown timeout the handler would wait for itself
		await().atMost(Duration.ofSeconds(20)).until(() -> client.state() == ClientState.STOPPED);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreads(SalesforceStreamingEmulator emulator) throws Exception {
		Set<Thread> handlers = ConcurrentHashMap.newKeySet();
		ThreadFactory virtual = new VirtualThreadTaskExecutor().getVirtualThreadFactory();
		try (SalesforceStreamingClient client = EmulatorClients.client(emulator).threadFactory(virtual).build()) {
			client.subscribe(CHANNEL, (event) -> handlers.add(Thread.currentThread()));
			client.start();
			client.awaitConnected(Duration.ofSeconds(30));
			emulator.publish(CHANNEL, 2, "{\"Id\":\"a04\"}");
			await().atMost(Duration.ofSeconds(30)).until(() -> !handlers.isEmpty());
		}
		Thread handler = handlers.iterator().next();
		assertThat(handler.getName()).startsWith("sf-streaming-handler-");
		assertThat(Thread.class.getMethod("isVirtual").invoke(handler)).isEqualTo(true);
	}

	private static Set<Thread> clientThreads() {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("sf-streaming-"))
			.forEach(threads::add);
		return threads;
	}

	/** Makes non-daemon threads with names of its own, and remembers them. */
	private static final class RecordingFactory implements ThreadFactory {

		final List<Thread> made = new CopyOnWriteArrayList<>();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "app-" + this.made.size());
			this.made.add(thread);
			return thread;
		}

	}

}
