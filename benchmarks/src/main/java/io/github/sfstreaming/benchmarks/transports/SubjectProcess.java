package io.github.sfstreaming.benchmarks.transports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The driver's handle on a subject JVM: its protocol lines ({@code @@ ...}) in a queue, the rest of its output
 * kept as a tail for the error message of a failed run, and its standard input for commands.
 */
final class SubjectProcess implements AutoCloseable {

	private final Process process;

	private final PrintWriter commands;

	private final BlockingQueue<String> protocol = new LinkedBlockingQueue<>();

	private final Deque<String> tail = new ArrayDeque<>();

	private final Thread reader;

	private SubjectProcess(Process process) {
		this.process = process;
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.reader = new Thread(this::read, "bench-subject-reader");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static SubjectProcess start(List<String> command) throws IOException {
		return new SubjectProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(TransportProbe.PREFIX)) {
					this.protocol.add(line.substring(TransportProbe.PREFIX.length()));
				}
				else {
					synchronized (this.tail) {
						this.tail.addLast(line);
						if (this.tail.size() > 30) {
							this.tail.removeFirst();
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	void send(String command) {
		this.commands.println(command);
	}

	/**
	 * Waits for the subject's next protocol line starting with {@code word}, as {@code key=value} pairs.
	 * @throws IllegalStateException if none comes in time or the JVM ends, with its last output
	 */
	Map<String, String> await(String word, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String line = this.protocol.poll(100, TimeUnit.MILLISECONDS);
			if (line != null && line.startsWith(word + " ")) {
				Map<String, String> values = new HashMap<>();
				for (String pair : line.substring(word.length() + 1).split(" ")) {
					int equals = pair.indexOf('=');
					values.put((equals < 0) ? "value" : pair.substring(0, equals), pair.substring(equals + 1));
				}
				return values;
			}
			if (line == null && !this.process.isAlive() && this.protocol.isEmpty()) {
				throw new IllegalStateException("The subject ended (exit " + this.process.exitValue() + ") before '"
						+ word + "'; last output:\n      " + tail());
			}
		}
		throw new IllegalStateException("No '" + word + "' from the subject within " + timeout.toSeconds()
				+ " s; last output:\n      " + tail());
	}

	/** The peak resident set of the JVM so far, in MB, from {@code /proc}; {@code -1} if unknown. */
	double peakRssMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	private String tail() {
		synchronized (this.tail) {
			return String.join("\n      ", this.tail);
		}
	}

	/** Asks the subject to stop, then ends it if it does not. */
	@Override
	public void close() throws InterruptedException {
		send("exit");
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		this.reader.join(5_000);
	}

}
