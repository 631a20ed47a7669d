package io.github.sfstreaming.spring.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.sfstreaming.client.ClientState;
import io.github.sfstreaming.client.SalesforceStreamingClient;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulator;
import io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension;
import io.github.sfstreaming.spring.health.SalesforceStreamingHealthIndicator;
import io.github.sfstreaming.spring.lifecycle.SalesforceStreamingLifecycle;
import io.github.sfstreaming.spring.replay.jdbc.PostgresAvailable;
import io.github.sfstreaming.spring.replay.jdbc.PostgresDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode on PostgreSQL and the emulator: two instances share the replay store and the lock; only the leader
 * subscribes, and when it stops (cleanly, or killed in a JVM of its own) the other takes over from the shared replay
 * store without losing an event. Each test has its own lock table, replay table and role.
 */
@PostgresAvailable
class ClusterFailoverTests {

	private static final String ORDERS = ClusterTestApplication.ORDERS;

	private static final String PAYLOAD = "{\"OrderNumber__c\":\"O-1\"}";

	private static final Duration LOCK_TTL = Duration.ofSeconds(3);

	/**
	 * The lock's time-to-live when the leader stops cleanly: long, so that a takeover at the other instance's next
	 * attempt (the released lock) cannot be mistaken for one after the lock expired, even on a slow machine.
	 */
	private static final Duration CLEAN_STOP_LOCK_TTL = Duration.ofSeconds(30);

	private static final Duration HEARTBEAT = Duration.ofMillis(500);

	/** The most events an instance holds received but unhandled. */
	private static final int BUFFER_SIZE = 50;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
		.longPollTimeout(Duration.ofSeconds(1))
		.channels(ORDERS)
		.build();

	private final PostgresDatabase database;

	private final HikariDataSource dataSource;

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final String replayTable = "sf_replay_cluster_" + this.suffix;

	private final String lockTablePrefix = "sf_cluster_" + this.suffix + "_";

	private final String role = "cluster-test-" + this.suffix;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private @Nullable Process member;

	ClusterFailoverTests(PostgresDatabase database) {
		this.database = database;
		this.dataSource = database.dataSource();
	}

	@AfterEach
	void cleanUp() {
		try {
			this.contexts.forEach(ConfigurableApplicationContext::close);
			if (this.member != null) {
				this.member.destroyForcibly();
			}
			JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
			jdbc.execute("DROP TABLE IF EXISTS " + this.replayTable);
			jdbc.execute("DROP TABLE IF EXISTS " + this.lockTablePrefix + "LOCK");
		}
		finally {
			this.dataSource.close();
		}
	}

	@Test
	void onlyTheLeaderSubscribesAndAfterItStopsTheOtherTakesOverWithoutLosingAnEvent() {
		ConfigurableApplicationContext first = start("first", CLEAN_STOP_LOCK_TTL);
		awaitLeading(first);
		ConfigurableApplicationContext second = start("second", CLEAN_STOP_LOCK_TTL);
		SalesforceStreamingLeaderElection secondElection = second.getBean(SalesforceStreamingLeaderElection.class);
		assertThat(secondElection.isRunning()).isTrue();
		assertThat(secondElection.isLeader()).isFalse();
		assertThat(second.getBean(SalesforceStreamingLifecycle.class).isRunning()).isFalse();
		assertThat(second.getBean(SalesforceStreamingClient.class).state()).isEqualTo(ClientState.STOPPED);
		assertThat(this.emulator.stats().sessions()).hasSize(1);
		Health standby = second.getBean(SalesforceStreamingHealthIndicator.class).health();
		assertThat(standby.getStatus()).isEqualTo(Status.UP);
		assertThat(standby.getDetails()).containsEntry("cluster", Map.of("role", this.role, "leader", false));

		List<Long> published = new CopyOnWriteArrayList<>(this.emulator.publish(ORDERS, 200, PAYLOAD));
		await().atMost(TIMEOUT).until(() -> handled("first").size() >= 20);
		CompletableFuture<List<Long>> duringStop = CompletableFuture
			.supplyAsync(() -> this.emulator.publish(ORDERS, 100, PAYLOAD));
		first.close();
		long stopped = System.nanoTime();
		published.addAll(duringStop.join());
		await().atMost(TIMEOUT).until(secondElection::isLeader);
		Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
		awaitLeading(second);
		assertThat(second.getBean(SalesforceStreamingHealthIndicator.class).health().getStatus())
			.isEqualTo(Status.UP);
		published.addAll(this.emulator.publish(ORDERS, 50, PAYLOAD));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handledByAll()).containsAll(published));
		int duplicates = duplicates(handled("first"), handled("second"));
		System.out.println("Clean stop: takeover after " + takeover.toMillis() + " ms, " + duplicates
				+ " duplicate(s) of " + published.size() + " events, first handled " + handled("first").size());
		// At the next attempt, since the lock was released: an expired one could not be taken before TTL - heartbeat.
		assertThat(takeover).isLessThan(CLEAN_STOP_LOCK_TTL.dividedBy(2));
		// The leader stored the ids of every event it handled before it released the lock.
		assertThat(duplicates).isZero();
		// The first leader said goodbye (/meta/disconnect): only the new leader's session is left.
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.emulator.stats().sessions()).hasSize(1));
	}

	@Test
	void whenTheLeaderIsKilledTheOtherTakesOverOnceItsLockExpires() throws IOException, InterruptedException {
		Process member = startMember("killed", LOCK_TTL);
		List<String> output = new CopyOnWriteArrayList<>();
		readLines(member, output);
		await().atMost(Duration.ofSeconds(60)).until(() -> output.contains("CONNECTED"));
		ConfigurableApplicationContext survivor = start("survivor", LOCK_TTL);
		SalesforceStreamingLeaderElection election = survivor.getBean(SalesforceStreamingLeaderElection.class);
		assertThat(election.isLeader()).isFalse();

		List<Long> published = new CopyOnWriteArrayList<>(this.emulator.publish(ORDERS, 100, PAYLOAD));
		await().atMost(TIMEOUT).until(() -> handledByMember(output).size() >= 10 && storedReplayId() != -1);
		// The leader's lock is valid at least until then; its renewals up to the kill only move that later.
		LocalDateTime lockValidUntil = new JdbcTemplate(this.dataSource)
			.queryForObject("SELECT MAX(EXPIRED_AFTER) FROM " + this.lockTablePrefix + "LOCK", LocalDateTime.class);
		member.destroyForcibly();
		long killed = System.nanoTime();
		assertThat(member.waitFor(10, TimeUnit.SECONDS)).isTrue();
		long storedAtKill = storedReplayId();
		assertThat(election.isLeader()).isFalse();
		published.addAll(this.emulator.publish(ORDERS, 50, PAYLOAD));
		await().atMost(TIMEOUT).until(election::isLeader);
		Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
		// the lock's times are UTC wall-clock times, as Spring Integration writes them
		LocalDateTime leaderBy = LocalDateTime.now(ZoneOffset.UTC);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			Set<Long> all = new HashSet<>(handledByMember(output));
			all.addAll(handled("survivor"));
			assertThat(all).containsAll(published);
		});
		List<Long> handledByMember = handledByMember(output);
		int duplicates = duplicates(handledByMember, handled("survivor"));
		System.out.println("Killed leader: takeover after " + takeover.toMillis() + " ms, " + duplicates
				+ " duplicate(s) of " + published.size() + " events, killed member handled " + handledByMember.size()
				+ " and stored up to " + storedAtKill);
		// Not before the killed leader's lock expired (measured against the lock itself, not against the kill: the
		// killed leader may have renewed it late on a loaded machine), and not long after.
		assertThat(leaderBy).isAfter(lockValidUntil);
		assertThat(takeover).isLessThan(LOCK_TTL.plusSeconds(10));
		// The duplicates are exactly the events the killed member handled but had not stored yet: the survivor
		// resumed right after the last stored replay id.
		List<Long> handledNotStored = handledByMember.stream().filter((id) -> id > storedAtKill).toList();
		assertThat(handled("survivor")).startsWith(
				published.stream().filter((id) -> id > storedAtKill).sorted().findFirst().orElseThrow());
		assertThat(handled("survivor")).containsAll(handledNotStored);
		assertThat(duplicates).isEqualTo(handledNotStored.size());
	}

	private long storedReplayId() {
		List<Long> ids = new JdbcTemplate(this.dataSource).queryForList(
				"SELECT replay_id FROM " + this.replayTable + " WHERE consumer_id = ? AND channel = ?", Long.class,
				this.role, ORDERS);
		return ids.isEmpty() ? -1 : ids.get(0);
	}

	private ConfigurableApplicationContext start(String instance, Duration lockTtl) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties(instance, lockTtl).toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private Process startMember(String instance, Duration lockTtl) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(testClassPath());
		command.add("-Xshare:auto");
		command.add(ClusterMemberMain.class.getName());
		properties(instance, lockTtl).forEach((property) -> command.add("--" + property));
		command.add("--logging.level.root=WARN");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		this.member = builder.start();
		return this.member;
	}

	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static void readLines(Process process, List<String> output) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.add(line);
				}
			}
			catch (IOException ex) {
				output.add("READ FAILED " + ex);
			}
		}, "cluster-member-output");
		reader.setDaemon(true);
		reader.start();
	}

	private static List<Long> handledByMember(List<String> output) {
		return output.stream()
			.filter((line) -> line.startsWith("HANDLED "))
			.map((line) -> Long.parseLong(line.substring("HANDLED ".length()).trim()))
			.toList();
	}

	private List<String> properties(String instance, Duration lockTtl) {
		List<String> properties = new ArrayList<>(List.of(this.database.datasourceProperties()));
		SalesforceStreamingEmulator emulator = this.emulator.emulator();
		properties.addAll(List.of("spring.application.name=cluster-test",
				"cluster.test.instance=" + this.role + "/" + instance,
				"salesforce.streaming.login-url=" + emulator.baseUrl(),
				"salesforce.streaming.auth.client-id=test-client-id",
				"salesforce.streaming.auth.client-secret=test-client-secret",
				"salesforce.streaming.auth.username=user@example.com", "salesforce.streaming.auth.password=pass",
				"salesforce.streaming.replay.table-name=" + this.replayTable,
				"salesforce.streaming.replay.initialize-schema=always",
				"salesforce.streaming.replay.consumer=" + this.role, "salesforce.streaming.replay.default=all",
				"salesforce.streaming.replay.flush-interval=100ms",
				"salesforce.streaming.buffer-size=" + BUFFER_SIZE, "salesforce.streaming.backoff.initial=100ms",
				"salesforce.streaming.backoff.max=500ms", "salesforce.streaming.shutdown-timeout=10s",
				"salesforce.streaming.cluster.enabled=true",
				"salesforce.streaming.cluster.table-prefix=" + this.lockTablePrefix,
				"salesforce.streaming.cluster.lock-ttl=" + lockTtl.toMillis() + "ms",
				"salesforce.streaming.cluster.heartbeat=" + HEARTBEAT.toMillis() + "ms",
				"salesforce.streaming.cluster.busy-wait=100ms"));
		return properties;
	}

	private static void awaitLeading(ConfigurableApplicationContext context) {
		SalesforceStreamingLeaderElection election = context.getBean(SalesforceStreamingLeaderElection.class);
		SalesforceStreamingClient client = context.getBean(SalesforceStreamingClient.class);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(election.isLeader()).isTrue();
			assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
			assertThat(client.channels()).anySatisfy((status) -> {
				assertThat(status.channel()).isEqualTo(ORDERS);
				assertThat(status.subscribed()).isTrue();
			});
		});
	}

	private List<Long> handled(String instance) {
		return ClusterTestApplication.handledBy(this.role + "/" + instance);
	}

	private Set<Long> handledByAll() {
		Set<Long> all = new HashSet<>();
		ClusterTestApplication.handled.forEach((instance, ids) -> {
			if (instance.startsWith(this.role + "/")) {
				all.addAll(ids);
			}
		});
		return all;
	}

	private static int duplicates(List<Long> first, List<Long> second) {
		List<Long> all = new ArrayList<>(first);
		all.addAll(second);
		return all.size() - new HashSet<>(all).size();
	}

}
