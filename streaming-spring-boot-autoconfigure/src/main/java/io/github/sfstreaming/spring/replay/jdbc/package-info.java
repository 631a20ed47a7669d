/**
 * A replay store that keeps replay ids in a table, with Spring Data JDBC.
 */
@NullMarked
package io.github.sfstreaming.spring.replay.jdbc;

import org.jspecify.annotations.NullMarked;
