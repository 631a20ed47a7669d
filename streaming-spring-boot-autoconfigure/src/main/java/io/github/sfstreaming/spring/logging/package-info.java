/**
 * Logs of what the Salesforce Streaming API client reports that operators should see.
 */
@NullMarked
package io.github.sfstreaming.spring.logging;

import org.jspecify.annotations.NullMarked;
