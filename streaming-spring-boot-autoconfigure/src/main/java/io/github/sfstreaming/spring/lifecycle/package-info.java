/**
 * Starting and stopping the Salesforce Streaming API client with the application context.
 */
@NullMarked
package io.github.sfstreaming.spring.lifecycle;

import org.jspecify.annotations.NullMarked;
