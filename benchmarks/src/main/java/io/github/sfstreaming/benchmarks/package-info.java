/**
 * Benchmarks of the starter, the core client and CometD's {@code BayeuxClient} against the same Salesforce
 * Streaming emulator: throughput, publish-to-handler latency, replay-store writes and heap allocated per event.
 * See {@code docs/benchmarks.md}.
 */
@NullMarked
package io.github.sfstreaming.benchmarks;

import org.jspecify.annotations.NullMarked;
