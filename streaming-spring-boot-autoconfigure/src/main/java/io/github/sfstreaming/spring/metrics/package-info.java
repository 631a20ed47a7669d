/**
 * Micrometer meters of the Salesforce Streaming API client.
 */
@NullMarked
package io.github.sfstreaming.spring.metrics;

import org.jspecify.annotations.NullMarked;
