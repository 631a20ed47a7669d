/**
 * An embedded Salesforce Streaming API emulator (OAuth token endpoint and Bayeux/CometD long polling with
 * replay) for integration tests, built on the CometD server.
 * <p>
 * Start it with {@link io.github.sfstreaming.emulator.SalesforceStreamingEmulator#builder()}, with the JUnit
 * extension {@link io.github.sfstreaming.emulator.SalesforceStreamingEmulatorExtension}, or from the command line
 * with {@link io.github.sfstreaming.emulator.EmulatorMain}.
 */
@NullMarked
package io.github.sfstreaming.emulator;

import org.jspecify.annotations.NullMarked;
