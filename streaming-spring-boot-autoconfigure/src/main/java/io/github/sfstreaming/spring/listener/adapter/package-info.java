/**
 * Bridges a {@link io.github.sfstreaming.event.StreamingEvent} to a listener method through spring-messaging.
 */
@NullMarked
package io.github.sfstreaming.spring.listener.adapter;

import org.jspecify.annotations.NullMarked;
