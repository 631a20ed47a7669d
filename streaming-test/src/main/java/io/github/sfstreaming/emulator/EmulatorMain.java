package io.github.sfstreaming.emulator;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs the emulator from the command line: {@code java -jar streaming-test-<version>-standalone.jar --port 8085}.
 * Prints one line on standard output once ready,
 * {@code Salesforce Streaming emulator listening on http://127.0.0.1:8085}, and with {@code --pubsub-port} a
 * second, {@code Salesforce Pub/Sub API listening on 127.0.0.1:7443}; logging goes to standard error.
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	/**
	 * Starts the emulator and waits until the JVM is stopped.
	 * @param args the options, see {@code --help}
	 */
	public static void main(String[] args) {
		// Quiet unless something goes wrong; must be set before any logger exists.
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
		int status = run(args, System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Launched launched = launch(args, out, err);
		SalesforceStreamingEmulator emulator = launched.emulator();
		if (emulator == null) {
			return launched.status();
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			stopped.countDown();
		}, "sf-emulator-shutdown"));
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			emulator.close();
		}
		return 0;
	}

	/**
	 * Parses the options and starts the emulator, printing the ready line.
	 * @return the exit status and, if it started, the emulator
	 */
	static Launched launch(String[] args, PrintStream out, PrintStream err) {
		SalesforceStreamingEmulator emulator;
		Map<String, String> options;
		try {
			options = EmulatorOptions.parse(args);
			if (options.containsKey("--help")) {
				out.print(EmulatorOptions.USAGE);
				out.flush();
				return new Launched(0, null);
			}
			emulator = EmulatorOptions.toBuilder(options).build();
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			err.println("Run with --help for the options.");
			return new Launched(2, null);
		}
		try {
			emulator.start();
		}
		catch (IllegalStateException ex) {
			err.println("error: " + ex.getMessage());
			return new Launched(1, null);
		}
		out.println("Salesforce Streaming emulator listening on " + emulator.baseUrl());
		if (options.containsKey("--pubsub-port")) {
			out.println("Salesforce Pub/Sub API listening on " + emulator.pubSubTarget());
		}
		out.flush();
		return new Launched(0, emulator);
	}

	record Launched(int status, @Nullable SalesforceStreamingEmulator emulator) {
	}

}
