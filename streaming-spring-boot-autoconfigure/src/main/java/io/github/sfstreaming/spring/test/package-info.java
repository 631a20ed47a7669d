/**
 * Test support: the emulator of {@code streaming-test} as the application's
 * {@link io.github.sfstreaming.spring.autoconfigure.SalesforceStreamingConnectionDetails}, with
 * {@link io.github.sfstreaming.spring.test.SalesforceStreamingServiceConnection @SalesforceStreamingServiceConnection}
 * in a Spring test or {@link io.github.sfstreaming.spring.test.SalesforceStreamingEmulatorConnectionDetails} in code.
 * Needs {@code streaming-test} (and {@code spring-test} for the annotation) on the class path.
 */
@NullMarked
package io.github.sfstreaming.spring.test;

import org.jspecify.annotations.NullMarked;
