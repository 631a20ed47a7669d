/**
 * Running listeners: the per-listener lifecycle container and the router that feeds it its channels' events,
 * batch listeners, the listener's own error handler, and the container's error handling with retries (on
 * Spring Framework's {@code RetryTemplate}) and a recoverer.
 */
@NullMarked
package io.github.sfstreaming.spring.listener;

import org.jspecify.annotations.NullMarked;
