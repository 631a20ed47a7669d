package io.github.sfstreaming.spring.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.event.StreamingConnectedEvent;

/**
 * The application of the cluster tests: one listener that records the replay ids it handles under the instance's
 * name ({@code cluster.test.instance}) and, with {@code cluster.test.print=true}, prints them on standard output
 * for the test that runs it in another JVM.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ClusterTestApplication {

	static final String ORDERS = "/event/Order__e";

	static final Map<String, List<Long>> handled = new ConcurrentHashMap<>();

	static List<Long> handledBy(String instance) {
		return handled.computeIfAbsent(instance, (key) -> new CopyOnWriteArrayList<>());
	}

	@Bean
	OrderListener orderListener(Environment environment) {
		return new OrderListener(environment.getProperty("cluster.test.instance", "instance"),
				environment.getProperty("cluster.test.print", Boolean.class, false));
	}

	@Bean
	ApplicationListener<StreamingConnectedEvent> connectedPrinter(Environment environment) {
		boolean print = environment.getProperty("cluster.test.print", Boolean.class, false);
		return (event) -> {
			if (print) {
				System.out.println("CONNECTED");
				System.out.flush();
			}
		};
	}

	static class OrderListener {

		private final String instance;

		private final boolean print;

		OrderListener(String instance, boolean print) {
			this.instance = instance;
			this.print = print;
		}

		@SalesforceListener(id = "orders", value = ORDERS)
		void onOrder(PlatformEvent event) {
			handledBy(this.instance).add(event.replayId());
			if (this.print) {
				System.out.println("HANDLED " + event.replayId());
				System.out.flush();
			}
		}

	}

}
