/**
 * Failover tests of cluster mode on PostgreSQL and the emulator.
 */
@NullMarked
package io.github.sfstreaming.spring.cluster;

import org.jspecify.annotations.NullMarked;
