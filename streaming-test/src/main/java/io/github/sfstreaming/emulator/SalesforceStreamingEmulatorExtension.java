package io.github.sfstreaming.emulator;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * JUnit Jupiter extension running a {@link SalesforceStreamingEmulator}: on a static field (or with
 * {@code @ExtendWith}) started before the tests of the class, {@linkplain SalesforceStreamingEmulator#reset() reset}
 * before each test and stopped after the class; on an instance field, started before each test and stopped after
 * it. Test methods and constructors may declare a {@link SalesforceStreamingEmulator} parameter.
 * <pre class="code">
 * &#64;RegisterExtension
 * static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
 *         .longPollTimeout(Duration.ofSeconds(2))
 *         .channels("/topic/InvoiceUpdates")
 *         .build();
 * </pre>
 * Also usable as {@code @ExtendWith(SalesforceStreamingEmulatorExtension.class)}, with the defaults and a 2 s long
 * poll.
 */
public final class SalesforceStreamingEmulatorExtension
		implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SalesforceStreamingEmulatorExtension.class);

	private final SalesforceStreamingEmulator.Builder builder;

	private final Object monitor = new Object();

	private @Nullable SalesforceStreamingEmulator emulator;

	private @Nullable String startedFor;

	/**
	 * An extension with the emulator's defaults, except a 2 s long poll so that tests stay fast.
	 */
	public SalesforceStreamingEmulatorExtension() {
		this(SalesforceStreamingEmulator.builder().longPollTimeout(Duration.ofSeconds(2)));
	}

	private SalesforceStreamingEmulatorExtension(SalesforceStreamingEmulator.Builder builder) {
		this.builder = builder;
	}

	/**
	 * A builder taking the same settings as {@link SalesforceStreamingEmulator#builder()}, with a 2 s long poll by
	 * default.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// A non-static @RegisterExtension field gets no beforeAll: start now, closed after this test.
		if (!start(context)) {
			emulator().reset();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		synchronized (this.monitor) {
			if (this.emulator != null && context.getUniqueId().equals(this.startedFor)) {
				this.emulator.close();
				this.emulator = null;
				this.startedFor = null;
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == SalesforceStreamingEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		start(extensionContext);
		return emulator();
	}

	/**
	 * The running emulator.
	 * @return the emulator
	 * @throws IllegalStateException if it is not started
	 */
	public SalesforceStreamingEmulator emulator() {
		synchronized (this.monitor) {
			if (this.emulator == null) {
				throw new IllegalStateException("The emulator is not started: register the extension first");
			}
			return this.emulator;
		}
	}

	/**
	 * The emulator's base URL (login and instance URL).
	 * @return the base URL
	 */
	public URI baseUrl() {
		return emulator().baseUrl();
	}

	/**
	 * Publishes one event, see {@link SalesforceStreamingEmulator#publish(String, String)}.
	 * @param channel the channel
	 * @param payloadJson the payload JSON
	 * @return its replay id
	 */
	public long publish(String channel, String payloadJson) {
		return emulator().publish(channel, payloadJson);
	}

	/**
	 * Publishes events, see {@link SalesforceStreamingEmulator#publish(String, int, String)}.
	 * @param channel the channel
	 * @param count how many
	 * @param payloadJson the payload JSON
	 * @return their replay ids
	 */
	public List<Long> publish(String channel, int count, String payloadJson) {
		return emulator().publish(channel, count, payloadJson);
	}

	/**
	 * The emulator's faults, see {@link SalesforceStreamingEmulator#faults()}.
	 * @return the faults
	 */
	public EmulatorFaults faults() {
		return emulator().faults();
	}

	/**
	 * The emulator's stats, see {@link SalesforceStreamingEmulator#stats()}.
	 * @return the stats
	 */
	public EmulatorStats stats() {
		return emulator().stats();
	}

	/** Starts the emulator if needed; returns whether it was started now. */
	private boolean start(ExtensionContext context) {
		synchronized (this.monitor) {
			if (this.emulator != null) {
				return false;
			}
			SalesforceStreamingEmulator started = this.builder.build().start();
			this.emulator = started;
			this.startedFor = context.getUniqueId();
			// Closed with the context that started it, even when afterAll is never called: a non-static field
			// gets a new extension for each test, so its emulator lives for that test only.
			context.getStore(NAMESPACE).put(SalesforceStreamingEmulator.class, new Closer(this, started));
			return true;
		}
	}

	private void closed(SalesforceStreamingEmulator emulator) {
		synchronized (this.monitor) {
			if (this.emulator == emulator) {
				this.emulator = null;
				this.startedFor = null;
			}
		}
	}

	/** Closes the emulator when JUnit closes its store. */
	private record Closer(SalesforceStreamingEmulatorExtension extension, SalesforceStreamingEmulator emulator)
			implements AutoCloseable {

		@Override
		public void close() {
			this.emulator.close();
			this.extension.closed(this.emulator);
		}

	}

	/**
	 * Builds a {@link SalesforceStreamingEmulatorExtension}.
	 */
	public static final class Builder {

		private final SalesforceStreamingEmulator.Builder builder = SalesforceStreamingEmulator.builder()
			.longPollTimeout(Duration.ofSeconds(2));

		private Builder() {
		}

		/** See {@link SalesforceStreamingEmulator.Builder#port(int)}. @param port the port @return this builder */
		public Builder port(int port) {
			this.builder.port(port);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#bindAddress(String)}.
		 * @param bindAddress the address
		 * @return this builder
		 */
		public Builder bindAddress(String bindAddress) {
			this.builder.bindAddress(bindAddress);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#longPollTimeout(Duration)}; 2 s by default here.
		 * @param timeout the long poll timeout
		 * @return this builder
		 */
		public Builder longPollTimeout(Duration timeout) {
			this.builder.longPollTimeout(timeout);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#credentials(EmulatorCredentials)}.
		 * @param credentials the credentials
		 * @return this builder
		 */
		public Builder credentials(EmulatorCredentials credentials) {
			this.builder.credentials(credentials);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#retention(int, Duration)}.
		 * @param maxEvents events kept per channel
		 * @param maxAge maximum age
		 * @return this builder
		 */
		public Builder retention(int maxEvents, Duration maxAge) {
			this.builder.retention(maxEvents, maxAge);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#channels(String...)}.
		 * @param channels the channels
		 * @return this builder
		 */
		public Builder channels(String... channels) {
			this.builder.channels(channels);
			return this;
		}

		/**
		 * See {@link SalesforceStreamingEmulator.Builder#tls(KeyStore, char[])}: HTTPS only.
		 * @param keyStore a loaded key store with the server's key and certificate
		 * @param password the password of the key
		 * @return this builder
		 */
		public Builder tls(KeyStore keyStore, char[] password) {
			this.builder.tls(keyStore, password);
			return this;
		}

		/**
		 * Further settings on the emulator's own builder.
		 * @param customizer changes the builder
		 * @return this builder
		 */
		public Builder customize(Consumer<SalesforceStreamingEmulator.Builder> customizer) {
			customizer.accept(this.builder);
			return this;
		}

		/**
		 * Builds the extension.
		 * @return the extension, to register with {@code @RegisterExtension}
		 */
		public SalesforceStreamingEmulatorExtension build() {
			return new SalesforceStreamingEmulatorExtension(this.builder);
		}

	}

}
