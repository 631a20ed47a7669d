/**
 * Listener endpoints, the registrar that collects them at startup, and the registry that subscribes them and
 * starts and stops them at runtime.
 */
@NullMarked
package io.github.sfstreaming.spring.config;

import org.jspecify.annotations.NullMarked;
