/**
 * Helpers shared by the core's packages; not part of the public API and may change without notice.
 */
@NullMarked
package io.github.sfstreaming.internal;

import org.jspecify.annotations.NullMarked;
