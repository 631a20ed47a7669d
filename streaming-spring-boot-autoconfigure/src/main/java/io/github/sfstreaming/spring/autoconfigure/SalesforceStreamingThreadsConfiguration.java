package io.github.sfstreaming.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * The {@link SalesforceStreamingThreads} bean, imported by every Salesforce streaming auto-configuration that makes
 * threads: decided once from {@code spring.threads.virtual.enabled} and the application's {@link TaskDecorator}
 * beans, as Boot's own task execution and scheduling auto-configurations decide.
 */
@Configuration(proxyBeanMethods = false)
class SalesforceStreamingThreadsConfiguration {

	@Bean
	SalesforceStreamingThreads salesforceStreamingThreads(Environment environment,
			ObjectProvider<TaskDecorator> taskDecorators, SalesforceStreamingProperties properties) {
		return new SalesforceStreamingThreads(Threading.VIRTUAL.isActive(environment), taskDecorator(taskDecorators),
				properties.getShutdownTimeout());
	}

	private static @Nullable TaskDecorator taskDecorator(ObjectProvider<TaskDecorator> taskDecorators) {
		List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
		if (decorators.size() == 1) {
			return decorators.get(0);
		}
		return decorators.isEmpty() ? null : new CompositeTaskDecorator(decorators);
	}

}
