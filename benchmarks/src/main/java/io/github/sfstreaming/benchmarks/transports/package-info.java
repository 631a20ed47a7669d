/**
 * The {@code transports} scenario: the core client over its built-in CometD transport against the same client over
 * the Pub/Sub transport, each in a fresh JVM, on the same emulator and events. See {@link TransportsMain}.
 */
@NullMarked
package io.github.sfstreaming.benchmarks.transports;

import org.jspecify.annotations.NullMarked;
