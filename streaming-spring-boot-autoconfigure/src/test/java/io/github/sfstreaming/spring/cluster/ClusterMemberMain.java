package io.github.sfstreaming.spring.cluster;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Runs a cluster member in a JVM of its own, for the test that kills it: the arguments are the application's
 * properties ({@code --name=value}); it prints {@code CONNECTED} and {@code HANDLED <replayId>} lines and runs until
 * it is killed.
 */
public final class ClusterMemberMain {

	private ClusterMemberMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(ClusterTestApplication.class).web(WebApplicationType.NONE)
			.properties("cluster.test.print=true", "spring.main.banner-mode=off")
			.run(args);
		new CountDownLatch(1).await();
	}

}
