/**
 * Auto-configuration of the Salesforce Streaming health indicator.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
