package io.github.sfstreaming.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.TaskDecorator;

/**
 * Makes every thread of a client, from the builder's {@link ThreadFactory} (platform daemon threads by default)
 * and under names that start with {@value #PREFIX} whatever the factory, so that thread dumps, logs and leak
 * checks find them. The handler pool's tasks go through the builder's {@link TaskDecorator}, if any.
 */
final class ClientThreads {

	/** The start of the name of every thread a client makes. */
	static final String PREFIX = "sf-streaming-";

	static final ClientThreads DEFAULT = new ClientThreads(null, null);

	private final @Nullable ThreadFactory factory;

	private final @Nullable TaskDecorator decorator;

	ClientThreads(@Nullable ThreadFactory factory, @Nullable TaskDecorator decorator) {
		this.factory = factory;
		this.decorator = decorator;
	}

	/** A new, unstarted thread named {@value #PREFIX}{@code name}. */
	Thread newThread(String name, Runnable task) {
		Thread thread;
		if (this.factory != null) {
			thread = this.factory.newThread(task);
			if (thread == null) {
				// ThreadFactory allows null, which would surface later as a puzzling NullPointerException
				throw new IllegalStateException("The client's threadFactory " + this.factory
						+ " returned no thread for " + PREFIX + name);
			}
		}
		else {
			thread = new Thread(task);
			thread.setDaemon(true);
		}
		thread.setName(PREFIX + name);
		return thread;
	}

	/** A factory of threads all named {@value #PREFIX}{@code name}, for a single-thread executor. */
	ThreadFactory named(String name) {
		return (task) -> newThread(name, task);
	}

	/**
	 * The pool of handler threads, {@code size} of them, named {@value #PREFIX}{@code handler-1} and so on. Every
	 * task goes through the decorator; {@code onThread} wraps each thread's whole run (the decorator does not).
	 */
	ExecutorService handlerPool(int size, UnaryOperator<Runnable> onThread) {
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = (task) -> newThread("handler-" + threads.incrementAndGet(), onThread.apply(task));
		TaskDecorator decorator = this.decorator;
		if (decorator == null) {
			return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
		}
		return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory) {

			@Override
			public void execute(Runnable command) {
				super.execute(decorator.decorate(command));
			}

		};
	}

}
