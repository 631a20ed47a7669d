package io.github.sfstreaming.spring.replay.jdbc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against PostgreSQL: a Testcontainers container when Docker is present, otherwise the
 * server named by {@code SF_TEST_JDBC_URL}, {@code SF_TEST_JDBC_USER} and {@code SF_TEST_JDBC_PASSWORD}.
 * Without either the tests are skipped, or fail when {@code SF_TEST_JDBC_REQUIRED=true}. Test methods and
 * constructors can take a {@link PostgresDatabase} parameter.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PostgresAvailableExtension.class)
public @interface PostgresAvailable {

}
