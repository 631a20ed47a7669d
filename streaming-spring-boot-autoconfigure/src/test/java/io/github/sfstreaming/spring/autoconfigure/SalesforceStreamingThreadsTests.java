package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;

import io.github.sfstreaming.auth.TokenProvider;
import io.github.sfstreaming.auth.UsernamePasswordTokenProvider;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.spring.event.ChannelIdleEvent;
import io.github.sfstreaming.spring.replay.jdbc.JdbcReplayStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads of the auto-configured beans: named {@code sf-streaming-*}, the application's task decorators
 * applied to the tasks that run its code, virtual with {@code spring.threads.virtual.enabled} on Java 21+, and
 * ended with the context.
 */
class SalesforceStreamingThreadsTests {

	private static final String CHANNEL = "/topic/ThreadModel";

	@RegisterExtension
	static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(CHANNEL)
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingJdbcReplayStoreAutoConfiguration.class,
				SalesforceStreamingAutoConfiguration.class, WebClientAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withUserConfiguration(ThreadsConfiguration.class)
		.withPropertyValues("salesforce.streaming.startup.auto-startup=false",
				"salesforce.streaming.idle-event-interval=200ms", "salesforce.streaming.shutdown-timeout=5s");

	@Test
	void handlerAndIdleCheckThreadsAreNamedDecoratedPlatformThreads(SalesforceStreamingEmulator emulator) {
		this.contextRunner.withBean(TokenProvider.class, () -> tokens(emulator)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SalesforceStreamingThreads.class).isVirtual()).isFalse();
			Seen seen = receive(context.getBean(SalesforceStreamingClient.class), context.getBean(Seen.class),
					emulator);
			assertThat(seen.handlers).allSatisfy((thread) -> {
				assertThat(thread.name()).matches("sf-streaming-handler-\\d+");
				assertThat(thread.decorated()).isTrue();
				assertThat(thread.virtual()).isFalse();
			});
			assertThat(seen.idleChecks).allSatisfy((thread) -> {
				assertThat(thread.name()).isEqualTo("sf-streaming-idle-1");
				assertThat(thread.decorated()).isTrue();
				assertThat(thread.virtual()).isFalse();
			});
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsWhenBootSaysSo(SalesforceStreamingEmulator emulator) {
		this.contextRunner.withBean(TokenProvider.class, () -> tokens(emulator))
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SalesforceStreamingThreads.class).isVirtual()).isTrue();
				Seen seen = receive(context.getBean(SalesforceStreamingClient.class), context.getBean(Seen.class),
						emulator);
				assertThat(seen.handlers).allSatisfy((thread) -> {
					assertThat(thread.name()).matches("sf-streaming-handler-\\d+");
					assertThat(thread.decorated()).isTrue();
					assertThat(thread.virtual()).isTrue();
				});
				assertThat(seen.idleChecks).allSatisfy((thread) -> {
					assertThat(thread.name()).matches("sf-streaming-idle-\\d+");
					assertThat(thread.decorated()).isTrue();
					assertThat(thread.virtual()).isTrue();
				});
			});
	}

	@Test
	void replayStoreFlusherIsANamedDecoratedThreadEndedWithTheContext() {
		Set<Thread> flushers = ConcurrentHashMap.newKeySet();
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true",
					"salesforce.streaming.replay.flush-interval=50ms")
			.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Seen seen = context.getBean(Seen.class);
				context.getBean(JdbcReplayStore.class).store(CHANNEL, 7, null);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(seen.threads).anySatisfy((thread) -> {
						assertThat(thread.getName()).isEqualTo("sf-streaming-replay-flusher-1");
						flushers.add(thread);
					}));
			});
		assertThat(flushers).isNotEmpty();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(flushers).noneMatch(Thread::isAlive));
	}

	@Test
	void theApplicationsDecoratorsAreComposedInTheirOrder() {
		this.contextRunner.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
			.withPropertyValues("salesforce.streaming.idle-event-interval=1h") // no idle check meanwhile
			.withUserConfiguration(SecondDecoratorConfiguration.class)
			.run((context) -> {
				List<String> calls = new CopyOnWriteArrayList<>();
				TaskDecorator decorator = context.getBean(SalesforceStreamingThreads.class).getTaskDecorator();
				assertThat(decorator).isNotNull();
				decorator.decorate(() -> calls.add("task")).run();
				assertThat(calls).containsExactly("task");
				assertThat(context.getBean(Seen.class).threads).containsExactly(Thread.currentThread());
				assertThat(context.getBean(SecondDecoratorConfiguration.class).calls).hasSize(1);
			});
	}

	@Test
	void noDecoratorByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class,
					WebClientAutoConfiguration.class, SslAutoConfiguration.class))
			.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT)
			.run((context) -> {
				SalesforceStreamingThreads threads = context.getBean(SalesforceStreamingThreads.class);
				assertThat(threads.getTaskDecorator()).isNull();
				assertThat(threads.getClientThreadFactory()).isNull();
			});
	}

	/** Subscribes, publishes, and waits until a handler and an idle check ran. */
	private static Seen receive(SalesforceStreamingClient client, Seen seen, SalesforceStreamingEmulator emulator) {
		client.subscribe(CHANNEL, (event) -> seen.handlers.add(SeenThread.current()));
		client.start();
		client.awaitConnected(Duration.ofSeconds(30));
		emulator.publish(CHANNEL, 3, "{\"Id\":\"a01\"}");
		await().atMost(Duration.ofSeconds(30)).until(() -> seen.handlers.size() == 3 && !seen.idleChecks.isEmpty());
		return seen;
	}

	private static UsernamePasswordTokenProvider tokens(SalesforceStreamingEmulator emulator) {
		return UsernamePasswordTokenProvider.builder()
			.loginUrl(emulator.baseUrl())
			.clientId("test-client-id")
			.clientSecret("test-client-secret")
			.username("user@example.com")
			.password("pass")
			.build();
	}

	/** A thread as seen from a task: its name, whether the decorator wraps the task, whether it is virtual. */
	record SeenThread(String name, boolean decorated, boolean virtual) {

		static SeenThread current() {
			Thread thread = Thread.currentThread();
			return new SeenThread(thread.getName(), Seen.DECORATED.get() != null, isVirtual(thread));
		}

		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false; // Java 17: no virtual threads
			}
		}

	}

	/** What the decorator and the listeners saw. */
	static final class Seen {

		static final ThreadLocal<String> DECORATED = new ThreadLocal<>();

		final Set<Thread> threads = ConcurrentHashMap.newKeySet();

		final List<SeenThread> handlers = new CopyOnWriteArrayList<>();

		final List<SeenThread> idleChecks = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadsConfiguration {

		@Bean
		Seen seen() {
			return new Seen();
		}

		@Bean
		@Order(1)
		TaskDecorator recordingTaskDecorator(Seen seen) {
			return (task) -> () -> {
				seen.threads.add(Thread.currentThread());
				Seen.DECORATED.set("yes");
				try {
					task.run();
				}
				finally {
					Seen.DECORATED.remove();
				}
			};
		}

		@Bean
		ApplicationListener<ChannelIdleEvent> idleListener(Seen seen) {
			return (event) -> seen.idleChecks.add(SeenThread.current());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondDecoratorConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		TaskDecorator secondTaskDecorator() {
			return (task) -> () -> {
				this.calls.add("second");
				task.run();
			};
		}

	}

}
