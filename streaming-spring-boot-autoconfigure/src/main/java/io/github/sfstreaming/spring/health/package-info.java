/**
 * Health of the Salesforce Streaming API client for Spring Boot Actuator.
 */
@NullMarked
package io.github.sfstreaming.spring.health;

import org.jspecify.annotations.NullMarked;
