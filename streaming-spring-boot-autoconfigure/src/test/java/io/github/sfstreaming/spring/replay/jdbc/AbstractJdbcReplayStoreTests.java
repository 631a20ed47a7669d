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
import org.springframework.data.relational.core.dialect.AnsiDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.github.sfstreaming.replay.ReplayIdFormat;
import io.github.sfstreaming.replay.ReplayPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
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
		initializeSchema(this.tableName);
		this.repository = repository(this.tableName);
	}

	private void initializeSchema(ReplayTableName table) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(
				List.of("classpath:io/github/sfstreaming/spring/replay/jdbc/schema-" + platform() + ".sql"));
		settings.setMode(DatabaseInitializationMode.ALWAYS);
		// as the auto-configuration sets it: a statement that fails fails the start, never skipped silently
		settings.setContinueOnError(false);
		JdbcReplayStoreSchemaInitializer initializer = new JdbcReplayStoreSchemaInitializer(this.dataSource, settings,
				table);
		initializer.setResourceLoader(new DefaultResourceLoader());
		assertThat(initializer.initializeDatabase()).isTrue();
	}

	private ReplayCheckpointRepository repository(ReplayTableName table) {
		return ReplayCheckpointRepositories.create(new NamedParameterJdbcTemplate(this.dataSource), table);
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
		return store(this.repository, consumer, flushInterval);
	}

	private JdbcReplayStore store(ReplayCheckpointRepository repository, String consumer, Duration flushInterval) {
		JdbcReplayStore store = new JdbcReplayStore(repository, consumer, flushInterval);
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

	private byte[] storedReplayBytes(String consumer, String channel) {
		List<byte[]> ids = new JdbcTemplate(this.dataSource).queryForList(
				"SELECT replay_bytes FROM " + this.tableName + " WHERE consumer_id = ? AND channel = ?", byte[].class,
				consumer, channel);
		return ids.isEmpty() ? null : ids.get(0);
	}

	private static ReplayPosition opaque(int... bytes) {
		byte[] id = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			id[i] = (byte) bytes[i];
		}
		return ReplayPosition.afterOpaque(id);
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
		assertThat(this.repository.advance(ReplayCheckpoint.numeric(id, 5, null, Instant.now()))).isTrue();
		assertThat(this.repository.advance(ReplayCheckpoint.numeric(id, 4, null, Instant.now()))).isFalse();
		assertThat(this.repository.advance(ReplayCheckpoint.numeric(id, 5, null, Instant.now()))).isFalse();
		assertThat(this.repository.advance(ReplayCheckpoint.numeric(id, 6, null, Instant.now()))).isTrue();
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
	void keepsBothFormats() {
		assertThat(store("app", Duration.ZERO).formats()).containsExactlyInAnyOrder(ReplayIdFormat.NUMERIC,
				ReplayIdFormat.OPAQUE);
	}

	@Test
	void opaqueIdRoundTripsByteForByte() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		// every byte value, zeros and high bytes included: the id is stored as sent, never as text or a number
		byte[] id = new byte[256];
		for (int i = 0; i < id.length; i++) {
			id[i] = (byte) i;
		}
		Instant eventTime = Instant.parse("2026-03-29T16:40:08.208Z");
		store.store(CHANNEL, ReplayPosition.afterOpaque(id), eventTime);
		assertThat(storedReplayBytes("app", CHANNEL)).isEqualTo(id);
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(ReplayPosition.afterOpaque(id));
		JdbcReplayStore restarted = store("app", Duration.ZERO);
		assertThat(restarted.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(ReplayPosition.afterOpaque(id));
		ReplayCheckpoint checkpoint = this.repository.findById(new ReplayCheckpointId("app", CHANNEL)).orElseThrow();
		assertThat(checkpoint.replayBytes()).isEqualTo(id);
		assertThat(checkpoint.eventTime()).isEqualTo(eventTime);
	}

	@Test
	void opaqueIdsReplaceEachOtherWithoutOrder() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, opaque(0x7f, 0x10), null);
		store.store(CHANNEL, opaque(0x01), null); // "smaller", yet the later one: it wins
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(0x01));
		assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(0x01);
	}

	@Test
	void formatsNeverCross() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store("/event/Numeric__e", 41, null);
		store.store("/event/Opaque__e", opaque(1, 2, 3), null);
		assertThat(store.lastReplayId("/event/Numeric__e", ReplayIdFormat.OPAQUE)).isEmpty();
		assertThat(store.lastReplayId("/event/Numeric__e", ReplayIdFormat.NUMERIC)).contains(ReplayPosition.after(41));
		assertThat(store.lastReplayId("/event/Opaque__e", ReplayIdFormat.NUMERIC)).isEmpty();
		assertThat(store.lastReplayId("/event/Opaque__e")).isEmpty();
		assertThat(store.startOf("/event/Opaque__e")).isEmpty();
		assertThat(storedReplayId("app", "/event/Opaque__e")).isEqualTo(JdbcReplayStore.NO_NUMERIC_ID);
		assertThat(storedReplayBytes("app", "/event/Numeric__e")).isNull();

		// both on one channel: each written and read apart, a lower CometD id still refused
		store.store("/event/Numeric__e", opaque(9), null);
		store.store("/event/Opaque__e", 7, null);
		store.store("/event/Numeric__e", 40, null);
		store.store("/event/Opaque__e", opaque(4), null);
		for (JdbcReplayStore reader : List.of(store, store("app", Duration.ZERO))) {
			assertThat(reader.lastReplayId("/event/Numeric__e", ReplayIdFormat.NUMERIC))
				.contains(ReplayPosition.after(41));
			assertThat(reader.lastReplayId("/event/Numeric__e", ReplayIdFormat.OPAQUE)).contains(opaque(9));
			assertThat(reader.lastReplayId("/event/Opaque__e", ReplayIdFormat.NUMERIC))
				.contains(ReplayPosition.after(7));
			assertThat(reader.lastReplayId("/event/Opaque__e", ReplayIdFormat.OPAQUE)).contains(opaque(4));
		}
	}

	@Test
	void coalescedIdsOfBothFormatsStayApart() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		store.store(CHANNEL, 5, null);
		store.store("/event/Order__e", opaque(5), null);
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		assertThat(store.lastReplayId("/event/Order__e", ReplayIdFormat.NUMERIC)).isEmpty();
		store.flush();
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		assertThat(store.lastReplayId("/event/Order__e", ReplayIdFormat.NUMERIC)).isEmpty();
	}

	@Test
	void aCometdIdWrittenBetweenPubSubIdsIsKept() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, opaque(1), null);
		store.store(CHANNEL, 12, null);
		store.store(CHANNEL, opaque(2), null);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(12);
		assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(12));
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(2));
	}

	@Test
	void aPubSubIdSupersedesAStartAndNoStartIsWrittenOverIt() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		Instant start = Instant.parse("2026-12-02T10:00:00Z");
		store.storeStart(CHANNEL, start);
		assertThat(store.startOf(CHANNEL)).contains(start);
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		store.store(CHANNEL, opaque(3), null);
		assertThat(store.startOf(CHANNEL)).isEmpty();
		assertThat(store.lastReplayId(CHANNEL)).isEmpty();
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(JdbcReplayStore.NO_NUMERIC_ID);
		store.storeStart(CHANNEL, start.plusSeconds(60));
		assertThat(store.startOf(CHANNEL)).isEmpty();
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(3));
		// the first CometD id of the channel is written over the row's placeholder
		store.store(CHANNEL, 0, null);
		assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(0));
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(3));
	}

	@Test
	void aPendingPubSubIdSupersedesAStart() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		Instant start = Instant.parse("2026-12-02T10:00:00Z");
		store.storeStart(CHANNEL, start);
		store.store(CHANNEL, opaque(3), null);
		assertThat(store.startOf(CHANNEL)).isEmpty();
		store.flush();
		assertThat(store("app", Duration.ZERO).startOf(CHANNEL)).isEmpty();
	}

	@Test
	void coalescedPubSubIdsAreVisibleAtOnceAndTheLastIsWrittenByFlush() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		for (int id = 1; id <= 50; id++) {
			store.store(CHANNEL, opaque(id), null);
		}
		store.store(CHANNEL, 9, null);
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(50));
		assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(9));
		assertThat(storedReplayBytes("app", CHANNEL)).isNull();
		store.flush();
		assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(50);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(9);
		assertThat(store("app", Duration.ZERO).lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(50));
	}

	@Test
	void backgroundFlushWritesTheLastPubSubId() {
		JdbcReplayStore store = store("app", Duration.ofMillis(20));
		for (int id = 1; id <= 20; id++) {
			store.store(CHANNEL, opaque(0, id), null);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(0, 20));
	}

	@Test
	void destroyWritesPendingPubSubIds() {
		JdbcReplayStore store = store("app", Duration.ofHours(1));
		store.store(CHANNEL, opaque(12), null);
		store.store("/data/AccountChangeEvent", opaque(13), null);
		store.destroy();
		assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(12);
		assertThat(storedReplayBytes("app", "/data/AccountChangeEvent")).containsExactly(13);
	}

	@Test
	void resetForgetsBothFormatsWrittenOrPending() {
		JdbcReplayStore store = store("app", Duration.ZERO);
		store.store(CHANNEL, 10, null);
		store.store(CHANNEL, opaque(10), null);
		store.store("/data/ChangeEvents", opaque(11), null);
		store.reset(CHANNEL);
		assertThat(store.lastReplayId(CHANNEL)).isEmpty();
		assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		assertThat(storedReplayId("app", CHANNEL)).isNull();
		assertThat(store.lastReplayId("/data/ChangeEvents", ReplayIdFormat.OPAQUE)).contains(opaque(11));

		JdbcReplayStore coalescing = store("app", Duration.ofHours(1));
		coalescing.store(CHANNEL, 20, null);
		coalescing.store(CHANNEL, opaque(20), null);
		coalescing.reset(CHANNEL);
		assertThat(coalescing.lastReplayId(CHANNEL)).isEmpty();
		assertThat(coalescing.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
		coalescing.flush();
		assertThat(storedReplayId("app", CHANNEL)).isNull();
	}

	@Test
	void concurrentWritersOfBothFormatsLeaveEachOthersIdAlone() throws Exception {
		int ids = 300;
		JdbcReplayStore cometd = store("app", Duration.ZERO);
		JdbcReplayStore pubsub = store("app", Duration.ZERO);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<?> numeric = executor.submit(() -> {
				for (long id = 1; id <= ids; id++) {
					cometd.store(CHANNEL, id, null);
				}
			});
			Future<?> opaque = executor.submit(() -> {
				for (int id = 1; id <= ids; id++) {
					pubsub.store(CHANNEL, opaque(id >> 8, id & 0xff), null);
				}
			});
			numeric.get();
			opaque.get();
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(ids);
		assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(ids >> 8, ids & 0xff);
	}

	@Test
	void aTableOfTheEarlierLayoutIsUpgradedInPlaceKeepingItsIds() {
		ReplayTableName old = ReplayTableName.parse(PostgresDatabase.uniqueTableName());
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		createEarlierLayoutTable(old);
		try {
			jdbc.update("INSERT INTO " + old + " (consumer_id, channel, replay_id, event_time, updated_at) "
					+ "VALUES ('app', ?, 41, NULL, CURRENT_TIMESTAMP)", CHANNEL);
			jdbc.update("INSERT INTO " + old + " (consumer_id, channel, replay_id, event_time, updated_at) "
					+ "VALUES ('app', '/event/Started__e', -1, TIMESTAMP '2026-12-02 10:00:00', CURRENT_TIMESTAMP)");
			// the earlier layout cannot serve this version: a start names the column and how to add it
			JdbcReplayStore notUpgraded = new JdbcReplayStore(repository(old), "app", Duration.ZERO);
			assertThatIllegalStateException().isThrownBy(notUpgraded::afterPropertiesSet)
				.withMessageContaining("replay_bytes")
				.withMessageContaining("ALTER TABLE")
				.withMessageContaining("salesforce.streaming.replay.initialize-schema=always");

			initializeSchema(old);
			// a second start runs the same script again on the upgraded table
			assertThatNoException().isThrownBy(() -> initializeSchema(old));

			JdbcReplayStore store = store(repository(old), "app", Duration.ZERO);
			assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(41));
			assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).isEmpty();
			assertThat(store.startOf("/event/Started__e")).isNotEmpty();
			store.store(CHANNEL, opaque(0xca, 0xfe), null);
			store.store(CHANNEL, 42, null);
			assertThat(store.lastReplayId(CHANNEL)).contains(ReplayPosition.after(42));
			assertThat(store.lastReplayId(CHANNEL, ReplayIdFormat.OPAQUE)).contains(opaque(0xca, 0xfe));
		}
		finally {
			jdbc.execute("DROP TABLE " + old);
		}
	}

	@Test
	void theStatementsOfOtherDatabasesKeepTheFormatsApartToo() {
		// an UPDATE, then an INSERT of a missing row: what a database without a known upsert gets
		ReplayCheckpointWriter writer = new MonotonicReplayCheckpointWriter(
				new NamedParameterJdbcTemplate(this.dataSource), this.tableName, AnsiDialect.INSTANCE);
		ReplayCheckpointId id = new ReplayCheckpointId("app", CHANNEL);
		Instant now = Instant.now();
		assertThat(writer.insertStart(id, now, now)).isTrue();
		assertThat(writer.insertStart(id, now, now)).isFalse();
		writer.replaceOpaque(id, new byte[] { 1 }, null, now);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(JdbcReplayStore.NO_NUMERIC_ID);
		assertThat(writer.insertStart(id, now, now)).isFalse();
		assertThat(writer.advance(ReplayCheckpoint.numeric(id, 5, null, now))).isTrue();
		assertThat(writer.advance(ReplayCheckpoint.numeric(id, 4, null, now))).isFalse();
		writer.replaceOpaque(id, new byte[] { 2 }, null, now);
		assertThat(storedReplayId("app", CHANNEL)).isEqualTo(5);
		assertThat(storedReplayBytes("app", CHANNEL)).containsExactly(2);

		ReplayCheckpointId other = new ReplayCheckpointId("app", "/event/Order__e");
		writer.replaceOpaque(other, new byte[] { 3 }, null, now);
		assertThat(storedReplayId("app", "/event/Order__e")).isEqualTo(JdbcReplayStore.NO_NUMERIC_ID);
		assertThat(storedReplayBytes("app", "/event/Order__e")).containsExactly(3);
	}

	/** The table as created by the versions that kept CometD ids only. */
	private void createEarlierLayoutTable(ReplayTableName table) {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE " + table + " (consumer_id VARCHAR(200) NOT NULL, "
				+ "channel VARCHAR(255) NOT NULL, replay_id BIGINT NOT NULL, event_time TIMESTAMP, "
				+ "updated_at TIMESTAMP NOT NULL, PRIMARY KEY (consumer_id, channel))");
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
