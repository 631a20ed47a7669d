/**
 * Conversion of a {@link io.github.sfstreaming.event.StreamingEvent} to the types listener methods ask for.
 */
@NullMarked
package io.github.sfstreaming.spring.support.converter;

import org.jspecify.annotations.NullMarked;
