/**
 * Auto-configuration of the Salesforce Streaming meters.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
