package io.github.sfstreaming.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Makes the threads of the auto-configured Salesforce streaming beans the way Spring Boot makes its own: virtual
 * threads when {@code spring.threads.virtual.enabled} is set on Java 21 or later, the application's
 * {@link TaskDecorator} beans around the tasks that run application code, and names that start with
 * {@value #PREFIX}. The schedulers it builds with Boot's {@link ThreadPoolTaskSchedulerBuilder} or
 * {@link SimpleAsyncTaskSchedulerBuilder} are shut down when the context closes, after the beans that use them
 * (they depend on this one), waiting for a task in progress up to the shutdown timeout.
 */
public final class SalesforceStreamingThreads implements DisposableBean {

	/** The start of the name of every thread. */
	public static final String PREFIX = "sf-streaming-";

	private static final Logger logger = LoggerFactory.getLogger(SalesforceStreamingThreads.class);

	private final boolean virtual;

	private final @Nullable TaskDecorator taskDecorator;

	private final Duration shutdownTimeout;

	private final List<AutoCloseable> built = new CopyOnWriteArrayList<>();

	SalesforceStreamingThreads(boolean virtual, @Nullable TaskDecorator taskDecorator, Duration shutdownTimeout) {
		this.virtual = virtual;
		this.taskDecorator = taskDecorator;
		this.shutdownTimeout = shutdownTimeout;
	}

	/** Whether the threads are virtual ({@code spring.threads.virtual.enabled} on Java 21+). */
	public boolean isVirtual() {
		return this.virtual;
	}

	/** The application's task decorators, composed in their order, or {@code null} if it has none. */
	public @Nullable TaskDecorator getTaskDecorator() {
		return this.taskDecorator;
	}

	/**
	 * The factory of the streaming client's threads: virtual ones, or {@code null} for the client's own platform
	 * daemon threads. The client names them.
	 */
	public @Nullable ThreadFactory getClientThreadFactory() {
		return this.virtual ? new VirtualThreadTaskExecutor(PREFIX).getVirtualThreadFactory() : null;
	}

	/**
	 * A factory of threads named {@value #PREFIX}{@code name}: virtual ones, or platform daemon threads.
	 * @param name the rest of the name, such as {@code leader}
	 * @return the factory
	 */
	public ThreadFactory threadFactory(String name) {
		ThreadFactory factory = getClientThreadFactory();
		return (task) -> {
			Thread thread;
			if (factory != null) {
				thread = factory.newThread(task);
			}
			else {
				thread = new Thread(task);
				thread.setDaemon(true);
			}
			thread.setName(PREFIX + name);
			return thread;
		};
	}

	/**
	 * An executor that runs each task on a new thread named {@value #PREFIX}{@code name}N, built with Boot's
	 * {@link SimpleAsyncTaskExecutorBuilder}, for the streaming beans' own long-running tasks (not decorated).
	 * @param name the rest of the name, such as {@code leadership-}
	 * @return the executor
	 */
	public AsyncTaskExecutor executor(String name) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutorBuilder().virtualThreads(this.virtual)
			.threadNamePrefix(PREFIX + name)
			.build();
		executor.setDaemon(true);
		return executor;
	}

	/**
	 * A scheduler of one task at a time, on threads named {@value #PREFIX}{@code name}-N, with the application's
	 * task decorators: Boot's {@link ThreadPoolTaskSchedulerBuilder} makes a one-thread pool, or, for virtual
	 * threads, its {@link SimpleAsyncTaskSchedulerBuilder} a scheduler that starts a virtual thread per run
	 * (schedule with a fixed rate: a fixed delay would run on its scheduling thread, undecorated). Shut down with
	 * this bean.
	 * @param name the rest of the name, such as {@code replay-flusher}
	 * @return the scheduler, ready
	 */
	public TaskScheduler scheduler(String name) {
		String prefix = PREFIX + name + "-";
		if (this.virtual) {
			SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskSchedulerBuilder().virtualThreads(true)
				.threadNamePrefix(prefix)
				.concurrencyLimit(1)
				.taskDecorator(this.taskDecorator)
				.taskTerminationTimeout(this.shutdownTimeout)
				.build();
			this.built.add(scheduler);
			return scheduler;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskSchedulerBuilder().poolSize(1)
			.threadNamePrefix(prefix)
			.taskDecorator(this.taskDecorator)
			.awaitTermination(true)
			.awaitTerminationPeriod(this.shutdownTimeout)
			.build();
		scheduler.setDaemon(true);
		scheduler.initialize();
		this.built.add(scheduler::destroy);
		return scheduler;
	}

	/** Shuts down the schedulers built, after the beans that use them are destroyed. */
	@Override
	public void destroy() {
		for (AutoCloseable scheduler : this.built) {
			try {
				scheduler.close();
			}
			catch (Exception ex) {
				logger.warn("Could not shut down a Salesforce streaming scheduler", ex);
			}
		}
		this.built.clear();
	}

}
