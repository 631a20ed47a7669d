/**
 * The {@code @SalesforceListener} annotation, its {@code @Enable} switch and the bean post-processor that finds
 * annotated methods.
 */
@NullMarked
package io.github.sfstreaming.spring.annotation;

import org.jspecify.annotations.NullMarked;
