/**
 * Micrometer Observation of listener calls.
 */
@NullMarked
package io.github.sfstreaming.spring.support.micrometer;

import org.jspecify.annotations.NullMarked;
