/**
 * Ahead-of-time processing and GraalVM native image support: the runtime hints of what the starter reaches by
 * reflection or as a resource.
 */
@NullMarked
package io.github.sfstreaming.spring.aot;

import org.jspecify.annotations.NullMarked;
