/**
 * Auto-configuration of cluster mode: one leader among the instances runs the streaming client.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure.cluster;

import org.jspecify.annotations.NullMarked;
