/**
 * Running listeners: the per-listener container, and error handling with retries and a recoverer.
 */
@NullMarked
package io.github.sfstreaming.spring.listener;

import org.jspecify.annotations.NullMarked;
