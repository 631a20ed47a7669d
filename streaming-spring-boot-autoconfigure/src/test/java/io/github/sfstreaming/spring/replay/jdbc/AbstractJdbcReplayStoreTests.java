package io.github.sfstreaming.spring.replay.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link JdbcReplayStore} and its repository, run against each supported database. Every test
 * works on a table of its own, created by {@link JdbcReplayStoreSchemaInitializer} and dropped afterwards.
 */
abstract class AbstractJdbcReplayStoreTests {

	private static final String CHANNEL = "/topic/InvoiceUpdates";

	private DataSource dataSource;

	private ReplayTableName tableName;

	private ReplayCheckpointRepository repository;

	private final List<JdbcReplayStore> stores = new ArrayList<>();

	protected abstract DataSource createDataSource();

	protected abstract String platform();

	@BeforeEach
	void createTable() {
		this.dataSource = createDataSource();
		this.tableName = ReplayTableName.parse(PostgresDatabase.uniqueTableName());
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(
				List.of("classpath:io/github/sfstreaming/spring/replay/jdbc/schema-" + platform() + ".sql"));
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		JdbcReplayStoreSchemaInitializer initializer = new JdbcReplayStoreSchemaInitializer(this.dataSource, settings,
				this.tableName);
		initializer.setResourceLoader(new DefaultResourceLoader());
		assertThat(initializer.initializeDatabase()).isTrue();
		this.repository = ReplayCheckpointRepositories.create(new NamedParameterJdbcTemplate(this.dataSource),
				this.tableName);
	}

	@AfterEach
	void dropTable() throws Exception {
		this.stores.forEach(JdbcReplayStore::destroy);
		try {
			new JdbcTemplate(this.dataSource).execute("DROP TABLE " + this.tableName.qualified());
		}
		finally {
			if (this.dataSource instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
	}

	private JdbcReplayStore store(String consumer, Duration flushInterval) {
		JdbcReplayStore store = new JdbcReplayStore(this.repository, consumer, flushInterval);
		store.afterPropertiesSet();
		this.stores.add(store);
		return store;
	}

	private Long storedReplayId(String consumer, String channel) {
		List<Long> ids = new JdbcTemplate(this.dataSource).queryForList(
				"SELECT replay_id FROM " + this.tableName + " WHERE consumer_id = ? AND channel = ?", Long.class,
				consumer, channel);
		return ids.isEmpty() ? null : ids.get(0);
	}

	@Test
	void nothingStoredIsEmpty() {
		assertThat(store("app", Duration.ZERO).lastReplayId(CHANNEL)).isEmpty();
	}

	@Test
	void storedIdIsReturned() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, 41, Instant.parse("2026-03-29T16:40:08.208Z"));
		assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(41));
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(41);
		ReplayCheckpoint checkpoint = this.repository.findById(new ReplayCheckpointId("app", CHANNEL)).orElseThrow();
		assertThat(checkpoint.replayId()).isEqualTo(41);
		assertThat(checkpoint.eventTime()).isEqualTo(Instant.parse("2026-03-29T16:40:08.208Z"));
		assertThat(checkpoint.updatedAt()).isNotNull();
	}

	@Test
	void idNeverMovesBackwards() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, 100, null);
		store.store(CHANNEL, 99, null);
		store.store(CHANNEL, 100, null);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(100);
		store.store(CHANNEL, 101, null);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(101);
	}

	@Test
	void advanceReportsWhetherTheRowMoved() {
		ReplayCheckpointId id = new ReplayCheckpointId("app", CHANNEL);
		assertThat(this.repository.advance(new ReplayCheckpoint(id, 5, null, Instant.now()))).isTrue();
		assertThat(this.repository.advance(new ReplayCheckpoint(id, 4, null, Instant.now()))).isFalse();
		assertThat(this.repository.advance(new ReplayCheckpoint(id, 5, null, Instant.now()))).isFalse();
		assertThat(this.repository.advance(new ReplayCheckpoint(id, 6, null, Instant.now()))).isTrue();
	}

	@Test
	void consumersAndChannelsArePartitioned() {
		JdbcReplayStore first = store("first-app", Duration.ZERO);
		JdbcReplayStore second = store("second-app", Duration.ZERO);
		first.store(CHANNEL, 10, null);
		second.store(CHANNEL, 20, null);
		first.store("/event/Order__e", 30, null);
		assertThat(first.lastReplayId(CHANNEL)).contains(ReplayPosition.after(10));
		assertThat(second.lastReplayId(CHANNEL)).contains(ReplayPosition.after(20));
		assertThat(first.lastReplayId("/event/Order__e")).contains(ReplayPosition.after(30));
		assertThat(second.lastReplayId("/event/Order__e")).isEmpty();
	}

	@Test
	void resetForgetsTheChannel() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, 10, null);
		store.store("/data/ChangeEvents", 11, null);
		store.reset(CHANNEL);
		assertThat(store.lastReplayId(CHANNEL)).isEmpty();
		assertThat(storedReplayId("app", CHANNEL)).isNull();
		assertThat(store.lastReplayId("/data/ChangeEvents")).contains(ReplayPosition.after(11));
		store.store(CHANNEL, 3, null);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(3);
	}

	@Test
	void aStartIsWrittenAtOnceKeptEarliestAndReplacedByTheFirstId() {
		JdbcReplayStore store = store("app", Duration.ofHours(1)); // ids coalesce; a start must not
		Instant start = Instant.parse("2026-12-02T10:00:00Z");
		store.storeStart(CHANNEL, start);
		store.storeStart(CHANNEL, start.plusSeconds(60));
		assertThat(store.startOf(CHANNEL)).contains(start);
		assertThat(store.lastReplayId(CHANNEL)).isEmpty();
		// another instance (a new cluster leader, the application after a crash) reads it from the table
		JdbcReplayStore restarted = store("app", Duration.ZERO);
		assertThat(restarted.startOf(CHANNEL)).contains(start);
		assertThat(restarted.lastReplayId(CHANNEL)).isEmpty();

		store.store(CHANNEL, 7, null);
		assertThat(store.startOf(CHANNEL)).isEmpty();
		store.flush();
		assertThat(restarted.startOf(CHANNEL)).isEmpty();
		assertThat(restarted.lastReplayId(CHANNEL)).contains(ReplayPosition.after(7));
		restarted.storeStart(CHANNEL, start);
		assertThat(restarted.lastReplayId(CHANNEL)).contains(ReplayPosition.after(7));
	}

	@Test
	void resetForgetsAStart() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.storeStart(CHANNEL, Instant.parse("2026-12-02T10:00:00Z"));
		store.reset(CHANNEL);
		assertThat(store.startOf(CHANNEL)).isEmpty();
		assertThat(storedReplayId("app", CHANNEL)).isNull();
	}

	@Test
	void coalescedIdsAreVisibleAtOnceAndWrittenByFlush() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		for (long id = 1; id <= 50; id++) {
			store.store(CHANNEL, id, null);
		}
		store.store(CHANNEL, 7, null);
		assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(50));
		assertThat(storedReplayId("app", CHANNEL)).isNull();
		store.flush();
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(50);
	}

	@Test
	void backgroundFlushWritesTheHighestId() {
		JdbcReplayStore store = store("app", Duration.ofMillis(20));
		for (long id = 1; id <= 20; id++) {
			store.store(CHANNEL, id, null);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedReplayId("app", CHANNEL)).isEqualTo(20));
	}

	@Test
	void destroyWritesPendingIds() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		store.store(CHANNEL, 12, null);
		store.store("/u/Notifications", 13, null);
		store.destroy();
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(12);
		assertThat(storedReplayId("app", "/u/Notifications")).isEqualTo(13);
		JdbcReplayStore restarted = store("app", Duration.ofHours(1));
		assertThat(restarted.lastReplayId(CHANNEL)).contains(ReplayPosition.after(12));
	}

	@Test
	void missingTableFailsAtStartWithAHint() {
		ReplayCheckpointRepository missing = ReplayCheckpointRepositories
			.create(new NamedParameterJdbcTemplate(this.dataSource), ReplayTableName.parse("no_such_replay_table"));
		JdbcReplayStore store = new JdbcReplayStore(missing, "app", Duration.ZERO);
		assertThatIllegalStateException().isThrownBy(store::afterPropertiesSet)
			.withMessageContaining("salesforce.streaming.replay.initialize-schema");
	}

	@Test
	void concurrentWritersEndOnTheNewestId() throws Exception {
		int threads = 8;
		int idsPerThread = 200;
		List<Long> ids = new ArrayList<>();
		for (long id = 1; id <= threads * idsPerThread; id++) {
			ids.add(id);
		}
		Collections.shuffle(ids, new Random(42));
		List<JdbcReplayStore> writers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			writers.add(store("app", (i % 2 == 0) ? Duration.ZERO : Duration.ofMillis(5)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Void>> tasks = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				JdbcReplayStore writer = writers.get(i);
				List<Long> slice = ids.subList(i * idsPerThread, (i + 1) * idsPerThread);
				tasks.add(() -> {
					slice.forEach((id) -> writer.store(CHANNEL, id, null));
					return null;
				});
			}
			for (Future<Void> result : executor.invokeAll(tasks)) {
				result.get();
			}
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		writers.forEach(JdbcReplayStore::flush);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo((long) threads * idsPerThread);
	}

}
