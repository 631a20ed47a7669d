package io.github.sfstreaming.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample: one {@code @SalesforceListener} per Salesforce channel kind. With no
 * {@code salesforce.streaming.auth.*} properties it runs in demo mode against an in-process emulator
 * (see {@link DemoModeInitializer}); with them, against a real org.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
