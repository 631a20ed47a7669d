/**
 * Tests of health, metrics, observations and application events against the emulator.
 */
@NullMarked
package io.github.sfstreaming.spring.observability;

import org.jspecify.annotations.NullMarked;
