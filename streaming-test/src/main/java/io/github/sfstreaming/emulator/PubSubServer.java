package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.net.ssl.KeyManagerFactory;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The started Pub/Sub side: the service in process (always) and on a TCP port, with the timers of its streams.
 */
final class PubSubServer {

	/** Publishes a platform event's fields with its UUID, as the REST API does; returns its replay id. */
	@FunctionalInterface
	interface Publisher {

		long publish(String channel, String payloadJson, String eventUuid);

	}

	private final SalesforceStreamingEmulator.Settings settings;

	private final ChannelRegistry channels;

	private final Clock clock;

	private final Publisher publisher;

	private final Predicate<String> mayPublish;

	private final PubSubSchemas schemas;

	private final PubSubFaults faults = new PubSubFaults(this);

	private final Set<PubSubStream> streams = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler;

	private final AtomicLong subscribes = new AtomicLong();

	private final AtomicLong eventsSent = new AtomicLong();

	private final AtomicLong keepAlivesSent = new AtomicLong();

	private final AtomicInteger maxPending = new AtomicInteger();

	private final AtomicLong publishes = new AtomicLong();

	private final AtomicLong eventsPublished = new AtomicLong();

	private final String inProcessName = "sf-emulator-pubsub-" + UUID.randomUUID();

	private final Server inProcess;

	private final Server network;

	private PubSubServer(SalesforceStreamingEmulator.Settings settings, TokenStore tokens, ChannelRegistry channels,
			EventDefinitions definitions, Clock clock, Publisher publisher, Predicate<String> mayPublish) {
		this.settings = settings;
		this.mayPublish = mayPublish;
		this.schemas = new PubSubSchemas(definitions);
		this.channels = channels;
		this.clock = clock;
		this.publisher = publisher;
		AtomicInteger threads = new AtomicInteger();
		this.scheduler = Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "sf-emulator-pubsub-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		ServerServiceDefinition service = ServerInterceptors.intercept(new PubSubService(this),
				new PubSubAuth(tokens, this.faults));
		this.inProcess = InProcessServerBuilder.forName(this.inProcessName).addService(service).build();
		this.network = NettyServerBuilder
			.forAddress(new InetSocketAddress(settings.bindAddress(), settings.pubSub().port()),
					credentials(settings.tls()))
			.addService(service)
			.build();
	}

	static PubSubServer start(SalesforceStreamingEmulator.Settings settings, TokenStore tokens,
			ChannelRegistry channels, EventDefinitions definitions, Clock clock, Publisher publisher,
			Predicate<String> mayPublish) {
		PubSubServer server = new PubSubServer(settings, tokens, channels, definitions, clock, publisher,
				mayPublish);
		try {
			server.inProcess.start();
			server.network.start();
		}
		catch (IOException ex) {
			server.stop();
			throw new IllegalStateException("Could not start the Pub/Sub API on " + settings.bindAddress() + ":"
					+ settings.pubSub().port() + ": " + ex.getMessage(), ex);
		}
		return server;
	}

	private static ServerCredentials credentials(SalesforceStreamingEmulator.@Nullable Tls tls) {
		if (tls == null) {
			return InsecureServerCredentials.create();
		}
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(tls.keyStore(), tls.password());
			return TlsServerCredentials.newBuilder().keyManager(keys.getKeyManagers()).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot use the TLS key store for the Pub/Sub API: " + ex.getMessage(),
					ex);
		}
	}

	String inProcessName() {
		return this.inProcessName;
	}

	int port() {
		return this.network.getPort();
	}

	SalesforceStreamingEmulator.Settings settings() {
		return this.settings;
	}

	Clock clock() {
		return this.clock;
	}

	PubSubSchemas schemas() {
		return this.schemas;
	}

	PubSubFaults faults() {
		return this.faults;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	long publish(String channel, String payloadJson, String eventUuid) {
		return this.publisher.publish(channel, payloadJson, eventUuid);
	}

	/** Whether the user may publish to the platform event channel: not if the REST API denies it create. */
	boolean mayPublish(String channel) {
		return this.mayPublish.test(channel);
	}

	void recordPublish(int events) {
		this.publishes.incrementAndGet();
		this.eventsPublished.addAndGet(events);
	}

	/**
	 * The log of a topic the Pub/Sub API serves: an existing platform event or change event channel.
	 * @throws io.grpc.StatusRuntimeException {@code NOT_FOUND} otherwise
	 */
	ChannelLog subscribableTopic(String topic) {
		ChannelLog log = this.channels.find(topic);
		if (log == null || (log.kind() != ChannelKind.PLATFORM_EVENT && log.kind() != ChannelKind.CHANGE_EVENT)) {
			throw PubSubErrors.error(Status.Code.NOT_FOUND, PubSubErrors.TOPIC_NOT_FOUND, (log == null)
					? "The topic does not exist: " + topic
					: "PushTopics and generic streaming channels are not available over Pub/Sub: " + topic);
		}
		return log;
	}

	Schema currentSchema(ChannelLog log) {
		ChannelLog.Bounds bounds = log.bounds(this.clock.instant(), this.settings.retention());
		List<RetainedEvent> newest = log.after(bounds.last() - 1, 1, this.clock.instant(), this.settings.retention());
		return this.schemas.currentSchema(log.channel(), log.kind(), newest.isEmpty() ? null : newest.get(0));
	}

	void changeSchema(String topic) {
		ChannelLog log = subscribableTopic(topic);
		this.schemas.changeSchema(topic, log.bounds(this.clock.instant(), this.settings.retention()).last());
	}

	void opened(PubSubStream stream) {
		this.streams.add(stream);
		this.subscribes.incrementAndGet();
	}

	void recordPending(int pending) {
		this.maxPending.accumulateAndGet(pending, Math::max);
	}

	void recordSent(int events) {
		if (events == 0) {
			this.keepAlivesSent.incrementAndGet();
		}
		this.eventsSent.addAndGet(events);
	}

	PubSubStats stats() {
		List<PubSubStats.StreamStats> open = new ArrayList<>();
		for (PubSubStream stream : this.streams) {
			PubSubStats.StreamStats stats = stream.stats();
			if (stats != null) {
				open.add(stats);
			}
		}
		return new PubSubStats(this.subscribes.get(), this.eventsSent.get(), this.keepAlivesSent.get(),
				this.maxPending.get(), this.publishes.get(), this.eventsPublished.get(), List.copyOf(open));
	}

	void closed(PubSubStream stream) {
		this.streams.remove(stream);
	}

	void closeStreams() {
		for (PubSubStream stream : List.copyOf(this.streams)) {
			stream.fail(Status.UNAVAILABLE.withDescription("RST_STREAM closed stream. HTTP/2 error code: NO_ERROR")
				.asRuntimeException());
		}
	}

	void stallStreams() {
		for (PubSubStream stream : List.copyOf(this.streams)) {
			stream.stall();
		}
	}

	/** Closes every stream (their cursors name events that are gone) and disarms the faults. */
	void reset() {
		closeStreams();
		this.faults.clear();
		this.schemas.reset();
		this.subscribes.set(0);
		this.eventsSent.set(0);
		this.keepAlivesSent.set(0);
		this.maxPending.set(0);
		this.publishes.set(0);
		this.eventsPublished.set(0);
	}

	void stop() {
		closeStreams();
		this.inProcess.shutdownNow();
		this.network.shutdownNow();
		this.scheduler.shutdownNow();
		try {
			this.network.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
