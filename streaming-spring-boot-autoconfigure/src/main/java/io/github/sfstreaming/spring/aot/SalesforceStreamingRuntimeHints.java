package io.github.sfstreaming.spring.aot;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * The runtime hints of the starter's own reflection and resources, registered in
 * {@code META-INF/spring/aot.factories}: the schema scripts of the replay and lock tables, the Spring Data JDBC
 * aggregate of the replay store (built by {@code ReplayCheckpointRepositories} outside the context, so Spring
 * Data's own AOT processing never sees it) and the class-path check of cluster mode.
 * <p>
 * Listener methods need nothing here: {@code @SalesforceListener} is meta-annotated with {@code @MessageMapping},
 * whose {@code @Reflective} processor registers each method for invocation and its payload types (a
 * {@code Message<T>}'s {@code T} included, {@code @Header} parameters excluded) for Jackson binding.
 */
public class SalesforceStreamingRuntimeHints implements RuntimeHintsRegistrar {

	private static final String REPLAY = "io.github.sfstreaming.spring.replay.jdbc.";

	private static final String[] AGGREGATE_TYPES = { REPLAY + "ReplayCheckpoint", REPLAY + "ReplayCheckpointId" };

	private static final String[] REPOSITORY_TYPES = { REPLAY + "ReplayCheckpointRepository",
			REPLAY + "ReplayCheckpointWriter", REPLAY + "MonotonicReplayCheckpointWriter" };

	private static final String[] REPOSITORY_PROXY = { REPLAY + "ReplayCheckpointRepository",
			"org.springframework.data.repository.Repository", "org.springframework.aop.SpringProxy",
			"org.springframework.aop.framework.Advised", "org.springframework.core.DecoratingProxy" };

	private static final String CLUSTER_LOCK_REGISTRY = "org.springframework.integration.jdbc.lock.JdbcLockRegistry";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources()
			.registerPattern("io/github/sfstreaming/spring/replay/jdbc/schema-*.sql")
			.registerPattern("io/github/sfstreaming/spring/cluster/lock-schema-*.sql");
		if (ClassUtils.isPresent("org.springframework.data.jdbc.core.JdbcAggregateOperations", classLoader)) {
			// Every component of the records, replay_bytes' included: fields, the canonical constructor and the
			// accessors, which are public (RuntimeHintsPredicates counts them as public methods, not declared ones)
			for (String type : AGGREGATE_TYPES) {
				hints.reflection()
					.registerType(TypeReference.of(type), MemberCategory.ACCESS_DECLARED_FIELDS,
							MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_METHODS,
							MemberCategory.INVOKE_PUBLIC_METHODS);
			}
			for (String type : REPOSITORY_TYPES) {
				hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_PUBLIC_METHODS);
			}
			hints.proxies()
				.registerJdkProxy(Arrays.stream(REPOSITORY_PROXY).map(TypeReference::of).toArray(TypeReference[]::new));
		}
		// The auto-configuration checks for it with ClassUtils.isPresent, a Class.forName.
		hints.reflection().registerType(TypeReference.of(CLUSTER_LOCK_REGISTRY));
	}

}
