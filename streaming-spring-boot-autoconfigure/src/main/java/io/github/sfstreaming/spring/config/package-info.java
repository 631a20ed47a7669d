/**
 * Listener endpoints, the registrar that collects them at startup, the container factories that build their
 * containers, and the registry that holds the containers and starts and stops them with the application.
 */
@NullMarked
package io.github.sfstreaming.spring.config;

import org.jspecify.annotations.NullMarked;
