/**
 * End-to-end tests: an application with the auto-configuration, {@code @SalesforceListener} methods and a
 * database, against the Salesforce Streaming emulator.
 */
@NullMarked
package io.github.sfstreaming.spring.e2e;

import org.jspecify.annotations.NullMarked;
