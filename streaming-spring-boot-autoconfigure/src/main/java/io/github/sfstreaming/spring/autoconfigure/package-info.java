/**
 * Spring Boot auto-configuration of the Salesforce Streaming API client.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
